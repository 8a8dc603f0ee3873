// The seam for the vector store service (built separately): without one, requests that need a store
// made or filled are refused; with one, message attachments for file_search fill the thread's store and
// the run searches it. The service here is the least that satisfies the seam, on the runtime's real index.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openFileIndex, textSource, type Runtime, type Store } from '../../electron/engine/index.ts';
import type { VectorStoreAccess } from '../../electron/serve/server.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checked, startServe, type Serve } from './harness.ts';

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => serve.dispose());

/** Stores on the runtime's local index, filled with the runtime files' text; records what it was asked. */
function indexStores(runtime: Runtime, store: Store): VectorStoreAccess & { calls: string[] } {
  const files = new Map<string, string[]>([['vs_existing', []]]);
  const calls: string[] = [];
  // An index request names a store's whole content, so each fill indexes every file the store holds.
  const fill = async (id: string, added: string[]): Promise<void> => {
    const fileIds = [...(files.get(id) ?? []), ...added];
    files.set(id, fileIds);
    const sources = await Promise.all(
      fileIds.map(async (fileId) => {
        const content = await runtime.files.content(fileId);
        return textSource(fileId, content.filename, new TextDecoder().decode(content.bytes));
      }),
    );
    await openFileIndex(store.database).index(id, { sources, chunking: { type: 'auto' } });
  };
  return {
    calls,
    has: (id) => files.has(id),
    async create({ fileIds }) {
      const id = `vs_made${files.size}`;
      calls.push(`create ${id} ${fileIds.join(',')}`);
      await fill(id, fileIds);
      return { id };
    },
    async addFiles(id, fileIds) {
      calls.push(`add ${id} ${fileIds.join(',')}`);
      await fill(id, fileIds);
    },
  };
}

describe('vector stores', () => {
  it('without the service: ids are kept as given, making or filling a store is refused with a 400', async () => {
    serve = await startServe(sim);
    const { client } = serve;
    const file = await client.files.create({ file: new File(['text'], 'a.txt'), purpose: 'assistants' });
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: ['vs_1'] } },
    });
    expect(assistant.tool_resources).toEqual({ file_search: { vector_store_ids: ['vs_1'] } });
    await expect(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_stores: [{ file_ids: [file.id] }] } } }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_resources.file_search.vector_stores' });
    const thread = await client.beta.threads.create();
    await expect(
      client.beta.threads.messages.create(thread.id, { role: 'user', content: 'x', attachments: [{ file_id: file.id, tools: [{ type: 'file_search' }] }] }),
    ).rejects.toMatchObject({ status: 400, param: 'attachments[0].tools' });
    expect((await client.beta.threads.messages.list(thread.id)).data).toEqual([]);
  });

  it('with the service: attachments fill the thread’s store, made on first need, and the run searches it', async () => {
    let service: ReturnType<typeof indexStores> | undefined;
    serve = await startServe(sim, { server: ({ runtime, store }) => ({ vectorStores: (service = indexStores(runtime, store)) }) });
    const { client } = serve;
    const refunds = await client.files.create({ file: new File(['Refunds are paid within 14 days.'], 'refunds.txt'), purpose: 'assistants' });
    const shipping = await client.files.create({ file: new File(['Shipping takes three days.'], 'shipping.txt'), purpose: 'assistants' });
    await expect(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_store_ids: ['vs_unknown'] } } }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'tool_resources.file_search.vector_store_ids[0]',
    });
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'file_search' }] });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'See the policy.', attachments: [{ file_id: refunds.id, tools: [{ type: 'file_search' }] }] }],
    });
    const storeId = checked('ThreadObject', await client.beta.threads.retrieve(thread.id)).tool_resources?.file_search?.vector_store_ids?.[0];
    expect(storeId).toMatch(/^vs_made/);
    await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'How long do refunds take?',
      attachments: [{ file_id: shipping.id, tools: [{ type: 'file_search' }] }],
    });
    expect(service?.calls).toEqual([`create ${storeId} ${refunds.id}`, `add ${storeId} ${shipping.id}`]);
    const helper = await client.beta.assistants.create({
      model: 'gpt-4o',
      tool_resources: { file_search: { vector_stores: [{ file_ids: [shipping.id], chunking_strategy: { type: 'auto' } }] } },
    });
    expect(checked('AssistantObject', helper).tool_resources).toEqual({ file_search: { vector_store_ids: [expect.stringMatching(/^vs_made/)] } });
    expect(service?.calls.at(-1)).toMatch(new RegExp(`^create vs_made\\d+ ${shipping.id}$`));

    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refunds days' } }] }, { text: 'Within 14 days.' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
    const call = steps.data[0]?.step_details.type === 'tool_calls' ? steps.data[0].step_details.tool_calls[0] : undefined;
    expect(call?.type === 'file_search' ? call.file_search.results?.map((r) => r.file_name) : null).toContain('refunds.txt');
  });
});
