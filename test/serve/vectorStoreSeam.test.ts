// What the other endpoints do with vector stores (the seam the server builds over the vector store
// service): without a service, requests that need a store made or filled are refused; with one, message
// attachments for file_search fill the thread's store and the `vector_stores` helper makes one. Runs
// searching them are in vectorStores.test.ts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

describe('vector stores', () => {
  it('without the service: ids are kept as given, making or filling a store and the /vector_stores endpoints are refused with a 400', async () => {
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
    await expect(client.vectorStores.create({ name: 'docs' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('started without a vector store service'),
    });
  });

  it('with the service: attachments fill the thread’s store, made on first need (again once deleted), and helpers make stores', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const refunds = await client.files.create({ file: new File(['Refunds are paid within 14 days.'], 'refunds.txt'), purpose: 'assistants' });
    const shipping = await client.files.create({ file: new File(['Shipping takes three days.'], 'shipping.txt'), purpose: 'assistants' });
    await expect(
      client.beta.assistants.create({ model: 'gpt-4o', tool_resources: { file_search: { vector_store_ids: ['vs_unknown'] } } }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_resources.file_search.vector_store_ids[0]' });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'See the policy.', attachments: [{ file_id: refunds.id, tools: [{ type: 'file_search' }] }] }],
    });
    const storeOf = async (threadId: string) =>
      checked('ThreadObject', await client.beta.threads.retrieve(threadId)).tool_resources?.file_search?.vector_store_ids?.[0] ?? '';
    const storeId = await storeOf(thread.id);
    const threadStore = checked('VectorStoreObject', await client.vectorStores.retrieve(storeId));
    expect(threadStore.file_counts.total).toBe(1);
    // As the hosted API did: a store made for a thread expires a week after it was last used.
    const WEEK = { anchor: 'last_active_at', days: 7 };
    expect(threadStore.expires_after).toEqual(WEEK);
    expect(threadStore.expires_at).toBe(threadStore.last_active_at! + 7 * 86_400);
    await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'How long do refunds take?',
      attachments: [{ file_id: shipping.id, tools: [{ type: 'file_search' }] }],
    });
    const filesOf = async (id: string) => (await client.vectorStores.files.list(id)).data.map((f) => f.id).sort();
    expect(await storeOf(thread.id)).toBe(storeId);
    expect(await filesOf(storeId)).toEqual([refunds.id, shipping.id].sort());

    const helper = await client.beta.assistants.create({
      model: 'gpt-4o',
      tool_resources: {
        file_search: {
          vector_stores: [
            {
              file_ids: [shipping.id],
              chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } },
              metadata: { kind: 'helper' },
            },
          ],
        },
      },
    });
    const helperStore = checked('AssistantObject', helper).tool_resources?.file_search?.vector_store_ids?.[0] ?? '';
    expect(helperStore).toMatch(/^vs_/);
    const assistantStore = await client.vectorStores.retrieve(helperStore);
    expect(assistantStore.metadata).toEqual({ kind: 'helper' });
    // An assistant's store stays until deleted.
    expect(assistantStore.expires_at).toBeNull();
    const helped = await client.beta.threads.create({ tool_resources: { file_search: { vector_stores: [{ file_ids: [refunds.id] }] } } });
    expect((await client.vectorStores.retrieve(await storeOf(helped.id))).expires_after).toEqual(WEEK);
    expect((await client.vectorStores.files.retrieve(shipping.id, { vector_store_id: helperStore })).chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 },
    });

    await client.vectorStores.delete(storeId);
    await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'And now?',
      attachments: [{ file_id: refunds.id, tools: [{ type: 'file_search' }] }],
    });
    const remade = await storeOf(thread.id);
    expect(remade).not.toBe(storeId);
    expect(await filesOf(remade)).toEqual([refunds.id]);
  });
});
