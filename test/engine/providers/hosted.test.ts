import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createProvider,
  type HostedToolsRequest,
  type ModelProvider,
  type ModelRequest,
  type ProviderEvent,
} from '../../../electron/engine/providers/index.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const request = (hosted: HostedToolsRequest): ModelRequest => ({
  model: 'gpt-4.1-mini',
  instructions: 'Be brief.',
  input: [{ type: 'message', role: 'user', text: 'Hello' }],
  tools: [],
  temperature: null,
  topP: null,
  maxOutputTokens: null,
  responseFormat: { type: 'text' },
  toolChoice: 'auto',
  parallelToolCalls: true,
  hosted,
});

async function collect(provider: ModelProvider, input: ModelRequest, signal: AbortSignal): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  await provider.respond(input, { signal, onEvent: (e) => out.push(e), idleTimeoutMs: 10_000 });
  return out;
}

describe('responses provider with hosted tools', () => {
  const provider = () => createProvider({ api: 'responses', baseUrl: sim.baseURL, apiKey: 'sk-test', maxRetries: 0 });
  const signal = () => new AbortController().signal;

  it('normalises a file_search_call and places its citation in the turn text', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL });
    const file = await client.files.create({ file: await toFile(new TextEncoder().encode('Kettles boil water quickly.'), 'kettle.md'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'kettles', file_ids: [file.id] });
    sim.script({ fileSearch: { queries: ['kettles boil'] }, text: ['Kettles ', 'boil fast.', ' Indeed.'], citations: [{ result: 0, index: 18 }] });
    const events = await collect(
      provider(),
      request({ fileSearch: { vectorStoreIds: [store.id], maxResults: 3, ranker: 'auto', scoreThreshold: 0 }, codeInterpreter: null }),
      signal(),
    );
    expect(sim.requests[0]!.body).toMatchObject({
      tools: [{ type: 'file_search', vector_store_ids: [store.id], max_num_results: 3, ranking_options: { ranker: 'auto', score_threshold: 0 } }],
      include: ['file_search_call.results'],
    });
    const started = events.find((e) => e.type === 'hosted_call_started');
    expect(started).toMatchObject({ kind: 'file_search', callId: expect.stringMatching(/^fs_/) });
    const done = events.find((e) => e.type === 'hosted_call_done');
    expect(done).toMatchObject({
      call: {
        kind: 'file_search',
        status: 'completed',
        queries: ['kettles boil'],
        results: [{ fileId: file.id, fileName: 'kettle.md', text: 'Kettles boil water quickly.' }],
      },
    });
    expect(events.filter((e) => e.type === 'annotation')).toEqual([
      { type: 'annotation', annotation: { type: 'file_citation', fileId: file.id, fileName: 'kettle.md', index: 18 } },
    ]);
    // Hosted calls are not function calls: the turn simply ends.
    expect(events.at(-1)).toMatchObject({ type: 'completed', finish: 'stop' });
  });

  it('normalises a code_interpreter_call with its outputs and the container file citation', async () => {
    sim.script({ codeInterpreter: { code: 'print(1)', logs: '1\n', files: [{ name: 'a.txt', content: 'a' }] }, text: 'See sandbox:/mnt/data/a.txt' });
    const events = await collect(provider(), request({ fileSearch: null, codeInterpreter: { container: { type: 'auto', fileIds: [] } } }), signal());
    expect(sim.requests[0]!.body).toMatchObject({
      tools: [{ type: 'code_interpreter', container: { type: 'auto', file_ids: [] } }],
      include: ['code_interpreter_call.outputs'],
    });
    const done = events.find((e) => e.type === 'hosted_call_done');
    expect(done).toMatchObject({
      call: { kind: 'code_interpreter', code: 'print(1)', containerId: expect.stringMatching(/^cntr_/), outputs: [{ type: 'logs', logs: '1\n' }] },
    });
    const annotation = events.find((e) => e.type === 'annotation');
    expect(annotation).toMatchObject({ annotation: { type: 'container_file_citation', fileName: 'a.txt', start: 4, end: 27 } });
  });
});
