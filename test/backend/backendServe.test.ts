// The Assistants API server inside the app: switched from Settings, on the backend's own runtime.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it, vi } from 'vitest';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import type { ServeStatus } from '../../shared/ipc/serveChannels.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';
import { backendHarness, setupSimulatedBackend, simulatedSample, type BackendHarness } from './backendHarness.ts';

const env = setupSimulatedBackend(async ({ h }) => {
  await h.useSimulator('openai-compatible');
});

/** Switches the server on (port 0: any free one) and answers an SDK client that uses its key. */
async function serve(h: BackendHarness, change: Parameters<BackendHarness['call']>[1] = {}): Promise<{ client: OpenAI; url: string; key: string }> {
  const view = await h.call('app:serve/update', { enabled: true, port: 0, providerId: 'sim', ...change });
  if (view.status.state !== 'running') throw new Error(`the server is not running: ${JSON.stringify(view.status)}`);
  const { key, baseUrl } = await h.call('app:serve/key', {});
  expect(baseUrl).toBe(view.status.url);
  return { client: new OpenAI({ baseURL: view.status.url, apiKey: key, maxRetries: 0 }), url: view.status.url, key };
}

const statuses = (h: BackendHarness): ServeStatus[] => h.events.flatMap((e) => (e.type === 'serve.statusChanged' ? [e.status] : []));
const textOf = (message: OpenAI.Beta.Threads.Message): string => message.content.map((c) => (c.type === 'text' ? c.text.value : '')).join('');
const functionCalls = (steps: readonly RunStep[]) => steps.flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []));
const SEARCH = { name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } };

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('the Assistants API server in the app', () => {
  it('is off by default, starts when switched on, serves the SDK with its key, and stops when switched off', async () => {
    const { h, sim } = env;
    const initial = await h.call('app:serve/get', {});
    expect(initial).toEqual({ config: { enabled: false, port: 8787, providerId: 'openai', model: '', aliases: [] }, status: { state: 'off' }, hasKey: false });
    expect(await h.refuse('app:serve/key', {})).toMatchObject({ code: 'E_NOT_FOUND' });

    const { client, url } = await serve(h);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(statuses(h)).toEqual([{ state: 'starting' }, { state: 'running', url }]);
    expect((await h.call('app:serve/get', {})).hasKey).toBe(true);

    const assistant = await client.beta.assistants.create({ model: 'sim-model', name: 'Helper', instructions: 'Be brief.' });
    // The window lists API assistants; it learns of a new one from an event.
    expect(h.events.some((e) => e.type === 'assistants.changed')).toBe(true);
    expect((await h.call('app:assistants/list', {})).assistants.map((a) => a.id)).toEqual([assistant.id]);

    sim.script({ text: 'Hello from the app.' });
    const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hi' }] } });
    expect(run.status).toBe('completed');
    const messages = await client.beta.threads.messages.list(run.thread_id, { order: 'asc' });
    expect(messages.data.map(textOf)).toEqual(['Hi', 'Hello from the app.']);
    // Same runtime and store as the window: the run's events reached it, and the thread is listed under the assistant's node.
    expect(h.runEvents(run.id).map((e) => e.event)).toContain('thread.run.completed');
    const nodeId = assistant.id.slice('asst_'.length);
    expect((await h.call('app:threads/list', { assistantNodeId: nodeId })).threads.map((t) => t.id)).toEqual([run.thread_id]);

    const stranger = new OpenAI({ baseURL: url, apiKey: 'sk-wrong', maxRetries: 0 });
    await expect(stranger.beta.assistants.list()).rejects.toMatchObject({ status: 401 });

    expect((await h.call('app:serve/update', { enabled: false })).status).toEqual({ state: 'off' });
    await expect(fetch(`${url}/models`)).rejects.toThrow();
    expect(statuses(h).at(-1)).toEqual({ state: 'off' });
  });

  it('starts with the app when it was left on, and stops when the app closes', async () => {
    const { h, sim, dataDir } = env;
    const { url, key } = await serve(h);
    await h.close();
    await expect(fetch(`${url}/models`)).rejects.toThrow();

    const again = await backendHarness(dataDir, { sim, settings: h.settings });
    try {
      await vi.waitFor(() => expect(statuses(again).at(-1)).toMatchObject({ state: 'running' }));
      const client = new OpenAI({ baseURL: (await again.call('app:serve/key', {})).baseUrl!, apiKey: key, maxRetries: 0 });
      expect((await client.beta.assistants.list()).data).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('says why it does not run: a port in use, a provider that is not configured or has no key', async () => {
    const { h } = env;
    const taken = await occupiedPort();
    try {
      const view = await h.call('app:serve/update', { enabled: true, port: taken.port, providerId: 'sim' });
      expect(view.status).toEqual({ state: 'failed', message: `Port ${taken.port} is in use by another program. Choose another port, or 0 for any free one.` });
      expect(statuses(h).at(-1)).toEqual(view.status);
    } finally {
      taken.server.close();
    }
    expect((await h.call('app:serve/update', { port: 0, providerId: 'nowhere' })).status).toEqual({
      state: 'failed',
      message: 'Choose the provider API runs use: "nowhere" is not configured.',
    });

    // A key the provider needs, set later in Settings, starts it.
    await h.call('app:settings/update', {
      providers: [{ id: 'remote', label: 'Remote', kind: 'openai-compatible', baseUrl: 'https://models.example.com/v1', apiKeyEnv: '' }],
    });
    const noKey = await h.call('app:serve/update', { providerId: 'remote' });
    expect(noKey.status).toEqual({ state: 'failed', message: 'Add an API key for Remote in Settings.' });
    await h.call('app:secrets/set', { providerId: 'remote', apiKey: 'sk-remote' });
    await vi.waitFor(async () => expect((await h.call('app:serve/get', {})).status.state).toBe('running'));
    // Removing the provider stops it again.
    await h.call('app:settings/update', { providers: [] });
    await vi.waitFor(async () =>
      expect((await h.call('app:serve/get', {})).status).toEqual({ state: 'failed', message: 'Add a provider under Providers first: API runs need one.' }),
    );
  });

  it('serves vector stores on the app store and index: a file uploaded, indexed and found by a run', async () => {
    const { h, sim } = env;
    const { client } = await serve(h);
    const file = await client.files.create({ file: await toFile(Buffer.from('Refunds are paid within 14 days.'), 'refunds.md'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'Policies', file_ids: [file.id] });
    expect(store.id).toMatch(/^vs_/);
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refunds days' } }] }, { text: 'Within 14 days【0:0†refunds.md】.' });
    const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Refunds?' }] } });
    expect(run.status).toBe('completed');
    const [answer] = (await client.beta.threads.messages.list(run.thread_id, { run_id: run.id })).data;
    const part = answer?.content[0];
    expect(part?.type === 'text' ? part.text.annotations.map((a) => (a.type === 'file_citation' ? a.file_citation.file_id : null)) : []).toEqual([file.id]);
    expect((await client.vectorStores.search(store.id, { query: 'refunds' })).data[0]?.file_id).toBe(file.id);
  });

  it('sends model names through the alias table and the default model, and lists them', async () => {
    const { h, sim } = env;
    const { client } = await serve(h, { aliases: [{ name: 'gpt-4o', model: 'llama-local' }] });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    sim.script({ text: 'one' }, { text: 'two' }, { text: 'three' });
    const first = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'a' }] } });
    expect(first.status).toBe('completed');
    expect(sim.requests.at(-1)!.body.model).toBe('llama-local');

    // The table applies to the next run without a restart; the default takes every other name.
    await h.call('app:serve/update', { model: 'fallback-model' });
    const other = await client.beta.assistants.create({ model: 'gpt-4.1' });
    await client.beta.threads.createAndRunPoll({ assistant_id: other.id, thread: { messages: [{ role: 'user', content: 'b' }] } });
    expect(sim.requests.at(-1)!.body.model).toBe('fallback-model');
    await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'c' }] } });
    expect(sim.requests.at(-1)!.body.model).toBe('llama-local');

    const models = (await client.models.list()).data.map((m) => m.id);
    expect(models).toEqual(expect.arrayContaining(['gpt-4o', 'fallback-model']));
  });

  it('serves the canvas assistants: listed with the API ones, run with their handlers when the project is trusted', async () => {
    const { h, sim } = env;
    const { project, assistantId } = simulatedSample();
    const { client } = await serve(h);
    // An unsaved project is the user's own work: trusted.
    await h.call('app:serve/project', { path: null, project });
    const own = await client.beta.assistants.create({ model: 'sim-model', name: 'Made over the API' });

    const listed = await client.beta.assistants.list({ order: 'asc' });
    expect(listed.data.map((a) => a.id)).toEqual([`asst_${assistantId}`, own.id]);
    const canvas = await client.beta.assistants.retrieve(`asst_${assistantId}`);
    expect(canvas).toMatchObject({ name: 'Research assistant', model: 'gpt-4.1-mini' });
    expect(canvas.tools.map((t) => t.type).sort()).toEqual(['code_interpreter', 'file_search', 'function']);

    sim.script({ toolCalls: [SEARCH] }, { text: 'P-101 and P-102.' });
    const run = await client.beta.threads.createAndRunPoll({
      assistant_id: canvas.id,
      thread: { messages: [{ role: 'user', content: 'Papers on retrieval?' }] },
    });
    expect(run.status).toBe('completed');
    // The handler ran here, in the Studio, and its output went to the model.
    expect(JSON.parse(sim.requests.at(-1)!.toolOutputs[0]!.output)).toMatchObject({ results: [{ id: 'P-101' }, { id: 'P-102' }] });
    const events = h.runEvents(run.id).map((e) => e.event);
    expect(events).toContain('thread.run.step.handler_finished');
    // The thread belongs to the Assistant node, so the Run panel lists it with the canvas's own.
    expect((await h.call('app:threads/list', { assistantNodeId: assistantId })).threads.map((t) => t.id)).toEqual([run.thread_id]);

    // A run's own instructions apply to the canvas assistant as to any other.
    sim.script({ text: 'Bonjour.' });
    await client.beta.threads.createAndRunPoll({
      assistant_id: canvas.id,
      instructions: 'Answer in French.',
      thread: { messages: [{ role: 'user', content: 'Hi' }] },
    });
    expect(JSON.stringify(sim.requests.at(-1)!.body.messages)).toContain('Answer in French.');

    for (const change of [() => client.beta.assistants.update(canvas.id, { name: 'Renamed' }), () => client.beta.assistants.delete(canvas.id)]) {
      await expect(change()).rejects.toMatchObject({ status: 400, message: expect.stringContaining('is designed in Assistant Studio') });
    }
    await expect(
      client.beta.threads.createAndRun({
        assistant_id: canvas.id,
        tools: [{ type: 'code_interpreter' }],
        thread: { messages: [{ role: 'user', content: 'x' }] },
      }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('its tools are wired on the canvas') });
  });

  it('sends the functions of an untrusted project to the client (requires_action) instead of running them', async () => {
    const { h, sim, dataDir } = env;
    const { project, assistantId } = simulatedSample();
    const file = path.join(dataDir, 'downloaded.assistant.json');
    await writeFile(file, serializeProject(project));
    const { client } = await serve(h);
    await h.call('app:serve/project', { path: file, project });

    sim.script({ toolCalls: [SEARCH] }, { text: 'Thanks, the client answered.' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Papers?' }] });
    const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: `asst_${assistantId}` });
    expect(waiting.status).toBe('requires_action');
    const call = waiting.required_action!.submit_tool_outputs.tool_calls[0]!;
    expect(call.function).toMatchObject({ name: 'search_database', arguments: JSON.stringify(SEARCH.arguments) });
    expect(h.runEvents(waiting.id).map((e) => e.event)).not.toContain('thread.run.step.handler_started');

    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: call.id, output: '{"results":[]}' }],
    });
    expect(done.status).toBe('completed');
    expect(sim.requests.at(-1)!.toolOutputs[0]!.output).toBe('{"results":[]}');

    // Once trusted, the same project runs its handler here.
    await h.call('app:trust/grant', { path: file, project });
    sim.script({ toolCalls: [SEARCH] }, { text: 'Ran in the Studio.' });
    const trustedRun = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: `asst_${assistantId}` });
    expect(trustedRun.status).toBe('completed');
    const { steps } = await h.call('app:runs/steps', { runId: trustedRun.id });
    expect(functionCalls(steps).map((c) => c.type === 'function' && JSON.parse(c.function.output ?? '{}').results.length)).toEqual([2]);
  });

  it('keeps the key out of the settings, the log, the status and every file but the encrypted secrets', async () => {
    const { h, sim, dataDir } = env;
    const { client, key } = await serve(h);
    sim.script({ text: 'ok' });
    const assistant = await client.beta.assistants.create({ model: 'sim-model' });
    await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'hi' }] } });
    const { key: renewed } = await h.call('app:serve/newKey', {}).then(() => h.call('app:serve/key', {}));
    expect(renewed).not.toBe(key);
    expect(renewed).toMatch(/^sk-studio-[A-Za-z0-9_-]{43}$/);
    // The old key no longer opens the server.
    await expect(client.beta.assistants.list()).rejects.toMatchObject({ status: 401 });

    const leaks = (text: string) => [key, renewed].filter((k) => text.includes(k));
    expect(leaks(JSON.stringify(h.settings.current))).toEqual([]);
    expect(leaks(JSON.stringify(h.events))).toEqual([]);
    expect(leaks(JSON.stringify(await h.call('app:serve/get', {})))).toEqual([]);
    expect(leaks(JSON.stringify(await h.call('app:settings/get', {})))).toEqual([]);
    // The transcript holds the two answers of app:serve/key, which is what that channel is for, and nothing else does.
    const transcript = JSON.parse(h.transcript()) as { log: string[] };
    expect(leaks(transcript.log.join('\n'))).toEqual([]);
    for (const name of await readdir(dataDir, { recursive: true })) {
      const content = await readFile(path.join(dataDir, name)).catch(() => null);
      if (content) expect(leaks(content.toString('latin1')), name).toEqual([]);
    }
  });
});
