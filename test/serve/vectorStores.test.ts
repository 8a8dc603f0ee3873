// Vector stores through the official SDK, on the runtime's local index: stores, their files and file
// batches with the SDK's polling helpers, search, paging and refusals, every answer checked against the
// spec; then File Search in runs over them, as the file search tutorial does it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VectorStoreFileSource } from '../../electron/engine/index.ts';
import { minimalPdf } from '../engine/fileSearch/fixtures.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checked, raw, startServe, type Serve } from './harness.ts';

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());
afterEach(() => serve.dispose());

const REPORT = minimalPdf(['Annual report 2023', 'Revenue was 4.2 million dollars in 2023.', 'Net profit was 0.8 million dollars.']);
const reportPdf = (): File => new File([REPORT], 'report.pdf', { type: 'application/pdf' });
const refundsMd = (): File => new File(['# Refunds\n\nRefunds are paid within 14 days of the return.'], 'refunds.md');
const shippingTxt = (): File => new File(['Shipping takes three working days.'], 'shipping.txt');
const STATIC = { type: 'static' as const, static: { max_chunk_size_tokens: 300, chunk_overlap_tokens: 100 } };

const upload = (file: File) => serve.client.files.create({ file, purpose: 'assistants' });

/** Holds the service's reads of file bytes until `release()`, so indexing can be caught in progress. */
function heldFiles(): { wrapFiles: (files: VectorStoreFileSource) => VectorStoreFileSource; reading: Promise<void>; release(): void } {
  let open!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const reading = new Promise<void>((resolve) => (started = resolve));
  return {
    reading,
    release: () => open(),
    wrapFiles: (files) => ({
      get: (id) => files.get(id),
      content: async (id) => {
        started();
        await gate;
        return files.content(id);
      },
    }),
  };
}

describe('vector stores', () => {
  it('are made with file_ids and a static chunking strategy, indexed, retrieved, modified, and deleted', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const refunds = await upload(refundsMd());
    const shipping = await upload(shippingTxt());
    const created = checked(
      'VectorStoreObject',
      await client.vectorStores.create({ name: 'Support FAQ', file_ids: [refunds.id, shipping.id], chunking_strategy: STATIC, metadata: { team: 'support' } }),
    );
    expect(created).toMatchObject({ object: 'vector_store', name: 'Support FAQ', status: 'in_progress', metadata: { team: 'support' } });
    expect(created.file_counts).toMatchObject({ in_progress: 2, total: 2 });
    for (const id of [refunds.id, shipping.id]) {
      const file = checked('VectorStoreFileObject', await client.vectorStores.files.poll(created.id, id));
      expect(file).toMatchObject({ status: 'completed', chunking_strategy: STATIC, vector_store_id: created.id, last_error: null });
    }
    const done = checked('VectorStoreObject', await client.vectorStores.retrieve(created.id));
    expect(done).toMatchObject({ status: 'completed', file_counts: { completed: 2, in_progress: 0, failed: 0, cancelled: 0, total: 2 } });
    expect(done.usage_bytes).toBeGreaterThan(0);
    expect((await raw(serve, 'GET', `/vector_stores/${created.id}`)).headers.get('openai-poll-after-ms')).toBe('10');

    const modified = checked(
      'VectorStoreObject',
      await client.vectorStores.update(created.id, { name: 'FAQ', metadata: { team: 'care' }, expires_after: { anchor: 'last_active_at', days: 7 } }),
    );
    expect(modified).toMatchObject({ name: 'FAQ', metadata: { team: 'care' }, expires_after: { anchor: 'last_active_at', days: 7 } });
    expect(modified.expires_at).toBe((modified.last_active_at ?? 0) + 7 * 86_400);
    const kept = checked('VectorStoreObject', await client.vectorStores.update(created.id, { expires_after: null }));
    expect([kept.name, kept.expires_at, 'expires_after' in kept]).toEqual(['FAQ', null, false]);

    expect(checked('DeleteVectorStoreResponse', await client.vectorStores.delete(created.id))).toEqual({
      id: created.id,
      object: 'vector_store.deleted',
      deleted: true,
    });
    await expect(client.vectorStores.retrieve(created.id)).rejects.toMatchObject({
      status: 404,
      message: `404 No vector store found with id '${created.id}'.`,
    });
    expect((await client.files.retrieve(refunds.id)).id).toBe(refunds.id);
  });

  it('list with cursor paging: the SDK’s auto-pagination walks more stores than a page holds', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.vectorStores.create({ name: `store ${i}` })).id);
    const first = checked('ListVectorStoresResponse', await client.vectorStores.list({ limit: 2 }));
    expect([first.data.map((s) => s.id), first.has_more]).toEqual([[ids[4], ids[3]], true]);
    const seen: string[] = [];
    for await (const store of client.vectorStores.list({ limit: 2 })) seen.push(store.id);
    expect(seen).toEqual([...ids].reverse());
    const asc = await client.vectorStores.list({ limit: 2, order: 'asc', after: ids[1]! });
    expect(asc.data.map((s) => s.id)).toEqual([ids[2], ids[3]]);
    await expect(client.vectorStores.list({ limit: 101 })).rejects.toMatchObject({ status: 400, param: 'limit' });
  });

  it('file batches: uploadAndPoll indexes Markdown, text and a PDF; search finds their passages', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const store = await client.vectorStores.create({ name: 'Financial Statements' });
    const batch = checked(
      'VectorStoreFileBatchObject',
      await client.vectorStores.fileBatches.uploadAndPoll(store.id, { files: [refundsMd(), shippingTxt(), reportPdf()] }),
    );
    expect(batch).toMatchObject({ object: 'vector_store.files_batch', status: 'completed', vector_store_id: store.id });
    expect(batch.file_counts).toEqual({ in_progress: 0, completed: 3, failed: 0, cancelled: 0, total: 3 });
    checked('VectorStoreFileBatchObject', await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id }));
    const files = checked('ListVectorStoreFilesResponse', await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id }));
    expect(files.data.map((f) => f.status)).toEqual(['completed', 'completed', 'completed']);
    const pdf = (await client.files.list()).data.find((f) => f.filename === 'report.pdf')!;

    const found = checked('VectorStoreSearchResultsPage', await client.vectorStores.search(store.id, { query: 'revenue in 2023', max_num_results: 5 }));
    const [best] = found.data;
    expect(best).toMatchObject({ file_id: pdf.id, filename: 'report.pdf', attributes: {} });
    expect(best?.score).toBeGreaterThan(0);
    expect(best?.score).toBeLessThanOrEqual(1);
    expect(best?.content).toEqual([{ type: 'text', text: expect.stringContaining('Revenue was 4.2 million') }]);
    const both = await client.vectorStores.search(store.id, { query: ['refunds', 'shipping'] });
    expect(new Set(both.data.map((r) => r.filename))).toEqual(new Set(['refunds.md', 'shipping.txt']));
  });

  it('files: createAndPoll and uploadAndPoll, list with a filter, attributes, and delete (no longer searched)', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const store = await client.vectorStores.create({ name: 'docs' });
    const refunds = await upload(refundsMd());
    const attached = checked(
      'VectorStoreFileObject',
      await client.vectorStores.files.createAndPoll(store.id, { file_id: refunds.id, attributes: { lang: 'en', year: 2023 } }),
    );
    expect(attached).toMatchObject({ id: refunds.id, status: 'completed', attributes: { lang: 'en', year: 2023 } });
    const shipping = checked('VectorStoreFileObject', await client.vectorStores.files.uploadAndPoll(store.id, shippingTxt()));
    expect(shipping.status).toBe('completed');
    const binary = await upload(new File([new Uint8Array([1, 2, 3])], 'blob.xyz'));
    const refused = checked('VectorStoreFileObject', await client.vectorStores.files.create(store.id, { file_id: binary.id }));
    expect(refused).toMatchObject({ status: 'failed', last_error: { code: 'unsupported_file' } });

    const completed = checked('ListVectorStoreFilesResponse', await client.vectorStores.files.list(store.id, { filter: 'completed' }));
    expect(completed.data.map((f) => f.id).sort()).toEqual([refunds.id, shipping.id].sort());
    expect((await client.vectorStores.files.list(store.id, { filter: 'failed' })).data.map((f) => f.id)).toEqual([binary.id]);
    const paged: string[] = [];
    for await (const file of client.vectorStores.files.list(store.id, { limit: 1, order: 'asc' })) paged.push(file.id);
    expect(paged).toEqual([refunds.id, shipping.id, binary.id]);

    const updated = checked(
      'VectorStoreFileObject',
      await client.vectorStores.files.update(shipping.id, { vector_store_id: store.id, attributes: { lang: 'de' } }),
    );
    expect(updated.attributes).toEqual({ lang: 'de' });
    const german = await client.vectorStores.search(store.id, { query: 'refunds shipping', filters: { type: 'eq', key: 'lang', value: 'de' } });
    expect(german.data.map((r) => r.file_id)).toEqual([shipping.id]);

    expect(checked('DeleteVectorStoreFileResponse', await client.vectorStores.files.delete(refunds.id, { vector_store_id: store.id }))).toEqual({
      id: refunds.id,
      object: 'vector_store.file.deleted',
      deleted: true,
    });
    expect((await client.vectorStores.search(store.id, { query: 'refunds' })).data).toEqual([]);
    await expect(client.vectorStores.files.retrieve(refunds.id, { vector_store_id: store.id })).rejects.toMatchObject({ status: 404 });
    expect(checked('VectorStoreObject', await client.vectorStores.retrieve(store.id)).file_counts).toMatchObject({ completed: 1, failed: 1, total: 2 });
  });

  it('cancels a batch still being indexed; its waiting files are cancelled', async () => {
    const held = heldFiles();
    serve = await startServe(sim, { vectorStores: { wrapFiles: held.wrapFiles } });
    const { client } = serve;
    try {
      const store = await client.vectorStores.create({ name: 'slow' });
      const ids = [(await upload(refundsMd())).id, (await upload(shippingTxt())).id];
      const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: ids });
      expect(batch.status).toBe('in_progress');
      await held.reading;
      const cancelled = checked('VectorStoreFileBatchObject', await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id }));
      expect(cancelled).toMatchObject({ status: 'cancelled', file_counts: { cancelled: 2, in_progress: 0, total: 2 } });
      held.release();
      await serve.vectorStores?.waitIdle(store.id);
      const files = await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, filter: 'cancelled' });
      expect(files.data.map((f) => f.id).sort()).toEqual([...ids].sort());
      await expect(client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id })).rejects.toMatchObject({ status: 400, param: 'batch_id' });
      expect((await client.vectorStores.retrieve(store.id)).status).toBe('completed');
    } finally {
      held.release();
    }
  });

  it('refuses a bad chunking strategy with a 400 naming it, changing nothing; unknown ids are 404s', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const refunds = await upload(refundsMd());
    const shipping = await upload(shippingTxt());
    const tooSmall = { type: 'static' as const, static: { max_chunk_size_tokens: 50, chunk_overlap_tokens: 0 } };
    await expect(client.vectorStores.create({ file_ids: [refunds.id], chunking_strategy: tooSmall })).rejects.toMatchObject({
      status: 400,
      param: 'chunking_strategy.static.max_chunk_size_tokens',
      code: 'invalid_value',
    });
    expect((await client.vectorStores.list()).data).toEqual([]);

    const store = await client.vectorStores.create({ file_ids: [refunds.id], chunking_strategy: STATIC });
    const other = { type: 'static' as const, static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 100 } };
    await expect(client.vectorStores.files.create(store.id, { file_id: shipping.id, chunking_strategy: other })).rejects.toMatchObject({
      status: 400,
      param: 'chunking_strategy',
      message: expect.stringContaining('chunks all its files the same way'),
    });
    await expect(client.vectorStores.create({ name: 'x', colour: 'red' } as never)).rejects.toMatchObject({ status: 400, param: 'colour' });
    expect((await client.vectorStores.files.list(store.id)).data.map((f) => f.id)).toEqual([refunds.id]);
    expect((await client.vectorStores.retrieve(store.id)).file_counts.total).toBe(1);

    const missing = { status: 404 };
    await expect(client.vectorStores.retrieve('vs_nope')).rejects.toMatchObject(missing);
    await expect(client.vectorStores.search('vs_nope', { query: 'x' })).rejects.toMatchObject(missing);
    await expect(client.vectorStores.files.create('vs_nope', { file_id: refunds.id })).rejects.toMatchObject(missing);
    await expect(client.vectorStores.files.create(store.id, { file_id: 'file-nope' })).rejects.toMatchObject(missing);
    await expect(client.vectorStores.files.retrieve('file-nope', { vector_store_id: store.id })).rejects.toMatchObject(missing);
    await expect(client.vectorStores.fileBatches.retrieve('vsfb_nope', { vector_store_id: store.id })).rejects.toMatchObject(missing);
    await expect(client.vectorStores.list({ after: 'vs_nope' })).rejects.toMatchObject({ status: 404, param: 'after' });
    await expect(client.vectorStores.files.content('file-nope', { vector_store_id: store.id })).rejects.toMatchObject(missing);
  });

  it('gives the parsed text of an indexed file, whole however it was chunked', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const text = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} says that parcel ${i} travels ${i % 7} days.`).join('\n\n');
    const file = await upload(new File([text], 'parcels.txt'));
    const small = { type: 'static' as const, static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 50 } };
    const store = await client.vectorStores.create({ file_ids: [file.id], chunking_strategy: small });
    expect((await client.vectorStores.files.poll(store.id, file.id)).status).toBe('completed');
    const page = checked('VectorStoreFileContentResponse', await client.vectorStores.files.content(file.id, { vector_store_id: store.id }));
    expect(page.data).toEqual([{ type: 'text', text }]);
    const body = (await raw(serve, 'GET', `/vector_stores/${store.id}/files/${file.id}/content`)).body;
    expect(body).toEqual({ object: 'vector_store.file_content.page', data: [{ type: 'text', text }], has_more: false, next_page: null });
  });
});

describe('file search in runs', () => {
  it('the tutorial: a PDF in a vector store, an assistant searching it, an answer citing the file, the results with include[]', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const pdf = await upload(reportPdf());
    const store = await client.vectorStores.create({ name: 'Financial Statements', file_ids: [pdf.id] });
    const assistant = await client.beta.assistants.create({
      name: 'Financial Analyst Assistant',
      instructions: 'You are an expert financial analyst. Use your knowledge base to answer questions about audited financial statements.',
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What was the revenue in 2023?' }] });
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'revenue 2023' } }] }, { text: 'Revenue was $4.2 million in 2023【0:0†report.pdf】.' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');

    const [message] = checked('ListMessagesResponse', await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
    const text = message?.content[0]?.type === 'text' ? message.content[0].text : null;
    const marker = '【0:0†report.pdf】';
    const at = text?.value.indexOf(marker) ?? -1;
    expect(text?.annotations).toEqual([
      { type: 'file_citation', text: marker, start_index: at, end_index: at + marker.length, file_citation: { file_id: pdf.id } },
    ]);
    checked('MessageObject', message);
    const steps = checked(
      'ListRunStepsResponse',
      await client.beta.threads.runs.steps.list(run.id, {
        thread_id: thread.id,
        order: 'asc',
        include: ['step_details.tool_calls[*].file_search.results[*].content'],
      }),
    );
    const call = steps.data[0]?.step_details.type === 'tool_calls' ? steps.data[0].step_details.tool_calls[0] : undefined;
    const results = call?.type === 'file_search' ? call.file_search.results : undefined;
    expect(results?.[0]).toMatchObject({ file_id: pdf.id, file_name: 'report.pdf', content: [{ type: 'text', text: expect.stringContaining('4.2 million') }] });

    // A store deleted since is left out of the search; the assistant still runs.
    await client.vectorStores.delete(store.id);
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'revenue 2023' } }] }, { text: 'I could not find it.' });
    const again = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(again.status).toBe('completed');
  });

  it('a run waits for the files of its vector stores still being indexed, up to a bound', async () => {
    const held = heldFiles();
    serve = await startServe(sim, { vectorStores: { wrapFiles: held.wrapFiles }, server: { vectorStoreWaitMs: 1000 } });
    const { client } = serve;
    try {
      const refunds = await upload(refundsMd());
      const store = await client.vectorStores.create({ file_ids: [refunds.id] });
      const assistant = await client.beta.assistants.create({
        model: 'gpt-4o',
        tools: [{ type: 'file_search' }],
        tool_resources: { file_search: { vector_store_ids: [store.id] } },
      });
      const search = { toolCalls: [{ name: 'file_search', arguments: { query: 'refunds' } }] };
      const resultsOf = async (threadId: string, runId: string) => {
        const steps = await client.beta.threads.runs.steps.list(runId, { thread_id: threadId, order: 'asc' });
        const call = steps.data[0]?.step_details.type === 'tool_calls' ? steps.data[0].step_details.tool_calls[0] : undefined;
        return call?.type === 'file_search' ? call.file_search.results?.map((r) => r.file_id) : null;
      };
      await held.reading;
      // Past the bound the run starts with what is indexed: nothing yet.
      sim.script(search, { text: 'Nothing found.' });
      const early = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Refunds?' }] } });
      expect([early.status, await resultsOf(early.thread_id, early.id)]).toEqual(['completed', []]);

      // Within the bound it waits: no run exists until the file is indexed.
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Refunds?' }] });
      sim.script(search, { text: 'Within 14 days.' });
      const creating = client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await client.beta.threads.runs.list(thread.id)).data).toEqual([]);
      held.release();
      const run = await creating;
      expect([run.status, await resultsOf(thread.id, run.id)]).toEqual(['completed', [refunds.id]]);
    } finally {
      held.release();
    }
  });

  it('a run over a vector store that expired is refused with a 400, and no run is made', async () => {
    const clock = { now: Math.floor(Date.now() / 1000) };
    serve = await startServe(sim, { vectorStores: { now: () => clock.now } });
    const { client } = serve;
    const store = await client.vectorStores.create({ name: 'short-lived', expires_after: { anchor: 'last_active_at', days: 1 } });
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Hi' }] });
    clock.now += 2 * 86_400;
    await expect(client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('has expired'),
    });
    expect((await client.beta.threads.runs.list(thread.id)).data).toEqual([]);
    expect(checked('VectorStoreObject', await client.vectorStores.retrieve(store.id)).status).toBe('expired');
  });

  it('a message attachment for file_search puts the file in the thread’s vector store, and the run finds it', async () => {
    serve = await startServe(sim, { vectorStores: true });
    const { client } = serve;
    const refunds = await upload(refundsMd());
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'file_search' }] });
    const thread = await client.beta.threads.create();
    await client.beta.threads.messages.create(thread.id, {
      role: 'user',
      content: 'How long do refunds take?',
      attachments: [{ file_id: refunds.id, tools: [{ type: 'file_search' }] }],
    });
    const storeId = (await client.beta.threads.retrieve(thread.id)).tool_resources?.file_search?.vector_store_ids?.[0] ?? '';
    expect((await client.vectorStores.files.list(storeId)).data.map((f) => f.id)).toEqual([refunds.id]);

    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refunds days' } }] }, { text: 'Within 14 days【0:0†refunds.md】.' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');
    const [message] = (await client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
    const part = message?.content[0];
    expect(part?.type === 'text' ? part.text.annotations.map((a) => (a.type === 'file_citation' ? a.file_citation.file_id : null)) : null).toEqual([
      refunds.id,
    ]);
  });
});
