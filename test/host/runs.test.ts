import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { simulatedSample } from '../backend/backendHarness.ts';
import { connectClient, startTestHost } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

it('streams the events of a run started over /api/invoke through the event socket', async () => {
  const { host, backend } = await startTestHost();
  const client = await connectClient(host);
  const { value: invoke, received } = client;
  try {
    await invoke('app:settings/update', { providers: [{ id: 'sim', label: 'Simulator', kind: 'openai', baseUrl: sim.baseURL, apiKeyEnv: '' }] });
    await invoke('app:secrets/set', { providerId: 'sim', apiKey: 'sk-web-host-test' });
    const { project, assistantId } = simulatedSample();
    const { thread } = await invoke<ResponseOf<'app:threads/create'>>('app:threads/create', { assistantNodeId: assistantId });
    sim.script({ text: ['Hello ', 'over ', 'the socket.'] });
    const { run } = await invoke<ResponseOf<'app:runs/create'>>('app:runs/create', {
      project,
      projectPath: null,
      assistantNodeId: assistantId,
      threadId: thread.id,
      message: 'Hi',
    });

    const runEvents = () => received.flatMap((e) => (e.type === 'run.event' && e.event.runId === run.id ? [e.event] : []));
    await expect.poll(() => runEvents().at(-1)?.event, { timeout: 10_000, interval: 10 }).toBe('thread.run.completed');
    const events = runEvents();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const text = events.flatMap((e) => (e.event === 'thread.message.delta' ? e.data.delta.content.map((c) => c.text.value) : [])).join('');
    expect(text).toBe('Hello over the socket.');
  } finally {
    client.close();
    await host.close();
    await backend.close();
  }
});
