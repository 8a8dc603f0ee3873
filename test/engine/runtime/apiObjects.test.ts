// The runtime's Assistants-API objects: assistants kept beside the canvas's, threads without an assistant,
// messages added outside runs, runs of a compiled assistant in any thread, run metadata, files.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assistantObjectSchema, messageSchema, runSchema, threadSchema } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig } from '../../../electron/engine/compile/types.ts';
import { openFileIndex } from '../../../electron/engine/fileSearch/fileIndex.ts';
import { createVectorStores } from '../../../electron/engine/vectorStores/index.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { harness, projectWith, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

/** An assistant as the Assistants API server compiles one: no node, functions answered by the client. */
const apiAssistant = (overrides: Partial<AssistantConfig> = {}): AssistantConfig => ({
  id: 'asst_api1',
  nodeId: 'api1',
  name: 'API assistant',
  model: 'gpt-4.1-mini',
  instructions: 'Be brief.',
  temperature: null,
  topP: null,
  responseFormat: { type: 'text' },
  maxPromptTokens: null,
  maxCompletionTokens: null,
  truncation: { type: 'auto', lastMessages: null },
  parallelToolCalls: true,
  toolChoice: 'auto',
  metadata: {},
  tools: [],
  ...overrides,
});

describe('Assistants API objects in the runtime', () => {
  let h: Harness;
  beforeEach(() => {
    sim.reset();
    h = harness(sim, 'chat');
  });
  afterEach(() => h.dispose());

  it('keeps assistants made through the API, across a reopen of the store', () => {
    const created = h.runtime.assistants.create({
      name: 'Math tutor',
      description: null,
      model: 'gpt-4o',
      instructions: 'Help with math.',
      tools: [{ type: 'code_interpreter' }],
      tool_resources: null,
      metadata: { team: 'a' },
      temperature: 0.2,
      top_p: null,
      response_format: 'auto',
    });
    expect(assistantObjectSchema.parse(created).id).toMatch(/^asst_/);
    const updated = h.runtime.assistants.update(created.id, { name: 'Tutor', metadata: { team: 'b' } });
    expect(updated).toMatchObject({ name: 'Tutor', metadata: { team: 'b' }, model: 'gpt-4o', created_at: created.created_at });
    h.store.flush();
    expect(h.reopen().assistants.get(created.id)).toEqual(updated);
    expect(h.runtime.assistants.list().map((a) => a.id)).toEqual([created.id]);
    h.runtime.assistants.delete(created.id);
    expect(() => h.runtime.assistants.get(created.id)).toThrow(/no assistant/);
  });

  it('binds a thread made without an assistant to the first that runs in it, and lets an API assistant run in any thread', async () => {
    const canvas = projectWith([]);
    const thread = h.runtime.threads.create({ metadata: { user: 'u1' }, toolResources: { file_search: { vector_store_ids: ['vs_1'] } } });
    expect(threadSchema.parse(thread)).toMatchObject({ assistant_node_id: '', tool_resources: { file_search: { vector_store_ids: ['vs_1'] } } });

    sim.script({ text: 'first' }, { text: 'second' });
    const first = await h.runtime.runs.create({
      assistant: apiAssistant(),
      providerId: 'p',
      threadId: thread.id,
      message: 'Hi',
      trusted: false,
      metadata: { step: '1' },
    });
    expect(runSchema.parse(first)).toMatchObject({ assistant_id: 'asst_api1', metadata: { step: '1' } });
    await h.runtime.runs.wait(first.id);
    expect(h.runtime.threads.get(thread.id).assistant_node_id).toBe('api1');
    expect(h.runtime.threads.list('api1').map((t) => t.id)).toEqual([thread.id]);

    // A canvas assistant keeps to its own threads; an API assistant does not need to.
    await expect(
      h.runtime.runs.create({ project: canvas.project, assistantNodeId: canvas.assistantId, threadId: thread.id, message: 'x', trusted: true }),
    ).rejects.toThrow(/belongs to another assistant/);
    const canvasThread = h.runtime.threads.create({ assistantNodeId: canvas.assistantId });
    const second = await h.runtime.runs.create({ assistant: apiAssistant(), providerId: 'p', threadId: canvasThread.id, message: 'Hi', trusted: false });
    expect((await h.runtime.runs.wait(second.id)).status).toBe('completed');
  });

  it('adds, changes and deletes messages outside runs, and refuses them while a run is active', async () => {
    const thread = h.runtime.threads.create({});
    const added = h.runtime.messages.create(thread.id, {
      role: 'assistant',
      content: [{ type: 'text', text: { value: 'Earlier answer', annotations: [] } }],
      metadata: { origin: 'import' },
    });
    expect(messageSchema.parse(added)).toMatchObject({ role: 'assistant', status: 'completed', run_id: null, metadata: { origin: 'import' } });
    expect(h.runtime.messages.update(thread.id, added.id, { metadata: { origin: 'edited' } }).metadata).toEqual({ origin: 'edited' });
    expect(h.runtime.messages.get(thread.id, added.id).metadata).toEqual({ origin: 'edited' });

    sim.script({ text: 'slow answer', delayMs: 300 });
    const run = await h.runtime.runs.create({ assistant: apiAssistant(), providerId: 'p', threadId: thread.id, message: 'Question', trusted: false });
    expect(() => h.runtime.messages.create(thread.id, { role: 'user', content: [{ type: 'text', text: { value: 'more', annotations: [] } }] })).toThrow(
      new RegExp(`while a run ${run.id} is active`),
    );
    expect(() => h.runtime.messages.delete(thread.id, added.id)).toThrow(/while a run/);
    await h.runtime.runs.wait(run.id);
    // The history the model saw had the added assistant message before the question.
    expect(sim.requests.at(-1)?.body).toMatchObject({
      messages: expect.arrayContaining([expect.objectContaining({ role: 'assistant', content: 'Earlier answer' })]),
    });

    h.runtime.messages.delete(thread.id, added.id);
    expect(h.runtime.messages.list(thread.id).map((m) => m.id)).not.toContain(added.id);
    expect(() => h.runtime.messages.get(thread.id, added.id)).toThrow(/no message/);
    const other = h.runtime.threads.create({});
    expect(() => h.runtime.messages.get(other.id, run.id)).toThrow(/no message/);
  });

  it('changes a run’s metadata while it runs and after, and reads a step by id', async () => {
    const thread = h.runtime.threads.create({});
    sim.script({ text: 'answer', delayMs: 200 });
    const run = await h.runtime.runs.create({ assistant: apiAssistant(), providerId: 'p', threadId: thread.id, message: 'Q', trusted: false });
    expect(h.runtime.runs.update(run.id, { metadata: { live: 'yes' } }).metadata).toEqual({ live: 'yes' });
    const final = await h.runtime.runs.wait(run.id);
    expect(final.metadata).toEqual({ live: 'yes' });
    expect(h.runtime.runs.update(run.id, { metadata: { after: 'yes' } }).metadata).toEqual({ after: 'yes' });
    expect(h.runtime.runs.get(run.id).metadata).toEqual({ after: 'yes' });
    const [step] = h.runtime.runs.steps(run.id);
    expect(h.runtime.runs.step(run.id, step!.id)).toEqual(step);
    expect(() => h.runtime.runs.step(run.id, 'step_nope')).toThrow(/no run step/);
  });

  it('stores uploaded files, lists them by purpose and deletes them with their bytes', async () => {
    const file = await h.runtime.files.create({ filename: 'notes.txt', bytes: new TextEncoder().encode('hello'), purpose: 'assistants' });
    await h.runtime.files.create({ filename: 'other.bin', bytes: new Uint8Array([1, 2]), purpose: 'user_data' });
    expect(file).toMatchObject({ object: 'file', filename: 'notes.txt', bytes: 5, purpose: 'assistants' });
    expect(h.runtime.files.list({ purpose: 'assistants' }).map((f) => f.id)).toEqual([file.id]);
    expect(h.runtime.files.list()).toHaveLength(2);
    expect(new TextDecoder().decode((await h.runtime.files.content(file.id)).bytes)).toBe('hello');
    await h.runtime.files.delete(file.id);
    expect(() => h.runtime.files.get(file.id)).toThrow(/no file/);
    expect(h.runtime.files.list()).toHaveLength(1);
  });
});

describe('File Search over vector stores', () => {
  let h: Harness;
  beforeEach(() => {
    sim.reset();
  });
  afterEach(() => h.dispose());

  it('searches the vector stores a tool names besides its own, best results of all first, citing the runtime files', async () => {
    h = harness(sim, 'chat', (store) => ({ fileIndex: openFileIndex(store.database) }));
    const fileIndex = openFileIndex(h.store.database);
    const vectorStores = createVectorStores({ store: h.store, fileIndex, files: h.runtime.files });
    const upload = (name: string, text: string) => h.runtime.files.create({ filename: name, bytes: new TextEncoder().encode(text), purpose: 'assistants' });
    const refunds = await upload('refunds.md', 'Refunds are paid within 14 days of the return.');
    const shipping = await upload('shipping.md', 'Shipping takes three days; refunds are not handled by the courier.');
    const a = vectorStores.create({ name: 'Policies', file_ids: [refunds.id] });
    const b = vectorStores.create({ name: 'Logistics', file_ids: [shipping.id] });
    await vectorStores.waitIdle();
    const config = apiAssistant({
      tools: [
        {
          type: 'file_search',
          nodeId: 'api1',
          maxResults: 5,
          ranker: 'auto',
          scoreThreshold: 0,
          chunking: { type: 'auto' },
          index: 'local',
          vectorStoreIds: [],
          knowledge: [],
          stores: [vectorStores.indexStoreName(a.id), vectorStores.indexStoreName(b.id)],
        },
      ],
    });
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refunds days' } }] }, { text: 'Within 14 days.' });
    const thread = h.runtime.threads.create({});
    const run = await h.runtime.runs.create({ assistant: config, providerId: 'p', threadId: thread.id, message: 'How long do refunds take?', trusted: false });
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    const call = h.runtime.runs.steps(run.id).flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []))[0];
    const results = call?.type === 'file_search' ? (call.file_search.results ?? []) : [];
    expect(results.map((r) => [r.file_name, r.file_id]).sort()).toEqual([
      ['refunds.md', refunds.id],
      ['shipping.md', shipping.id],
    ]);
    expect(results[0]?.file_name).toBe('refunds.md');
    // The assistant has no Knowledge of its own, so no store of its own is made.
    expect(fileIndex.store('fs:api1')).toBeNull();
    await vectorStores.close();
  });
});
