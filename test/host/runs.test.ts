import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Result } from '../../shared/errors.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { appEventSchema, type AppEvent } from '../../shared/ipc/events.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { simulatedSample } from '../engine/backendHarness.ts';
import { send, startTestHost } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

it('streams the events of a run started over /api/invoke through the event socket', async () => {
  const { host, backend } = await startTestHost();
  const auth = { Authorization: `Bearer ${host.token}` };
  const invoke = async <T>(channel: string, request: unknown): Promise<T> => {
    const reply = await send(host.port, { method: 'POST', path: '/api/invoke', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ channel, request }) });
    const result = JSON.parse(reply.body) as Result<T>;
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
    return result.value;
  };
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: auth });
  try {
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received: AppEvent[] = [];
    ws.on('message', (data: Buffer) => received.push(appEventSchema.parse(JSON.parse(data.toString('utf8')))));

    await invoke('app:settings/update', { providers: [{ id: 'sim', label: 'Simulator', kind: 'openai', baseUrl: sim.baseURL, apiKeyEnv: '' }] });
    await invoke('app:secrets/set', { providerId: 'sim', apiKey: 'sk-web-host-test' });
    const { project, assistantId } = simulatedSample();
    const { thread } = await invoke<ResponseOf<'app:threads/create'>>('app:threads/create', { assistantNodeId: assistantId });
    sim.script({ text: ['Hello ', 'over ', 'the socket.'] });
    const { run } = await invoke<ResponseOf<'app:runs/create'>>('app:runs/create', { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: 'Hi' });

    const runEvents = () => received.flatMap((e) => (e.type === 'run.event' && e.event.runId === run.id ? [e.event] : []));
    await expect.poll(() => runEvents().at(-1)?.event, { timeout: 10_000, interval: 10 }).toBe('thread.run.completed');
    const events = runEvents();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const text = events.flatMap((e) => (e.event === 'thread.message.delta' ? e.data.delta.content.map((c) => c.text.value) : [])).join('');
    expect(text).toBe('Hello over the socket.');
  } finally {
    ws.close();
    await host.close();
    await backend.close();
  }
});
