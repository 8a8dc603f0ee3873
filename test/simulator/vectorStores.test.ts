import { NotFoundError, toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { chunkText } from './chunking.ts';
import { setupSimulator } from './harness.ts';
import { assertMatchesSchema } from './spec.ts';

const env = setupSimulator();

const DOCS = {
  'tides.md': 'Tides are caused by the gravitational pull of the moon and the sun on the oceans of the earth.',
  'bread.txt': 'To bake sourdough bread you need flour, water, salt and an active starter. Bake it in a hot oven.',
  'volcano.txt': 'A volcano erupts when magma rises through the crust. Lava flows cool into basalt rock.',
};

async function upload(name: string, content: string | Buffer) {
  return env.client.files.create({ file: await toFile(Buffer.from(content), name), purpose: 'assistants' });
}

// Loading the spec takes a moment the first time a schema is checked.
describe('vector stores through the official SDK', { timeout: 30_000 }, () => {
  it('creates, retrieves, updates, lists and deletes stores', async () => {
    const store = await env.client.vectorStores.create({
      name: 'Docs',
      metadata: { project: 'demo' },
      expires_after: { anchor: 'last_active_at', days: 7 },
    });
    assertMatchesSchema('VectorStoreObject', store);
    expect(store).toMatchObject({ object: 'vector_store', name: 'Docs', status: 'completed', usage_bytes: 0, metadata: { project: 'demo' } });
    expect(store.id).toMatch(/^vs_/);
    expect(store.file_counts).toEqual({ in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 });
    expect(store.expires_at).toBe((store.last_active_at ?? 0) + 7 * 86_400);

    const renamed = await env.client.vectorStores.update(store.id, { name: 'Manuals', expires_after: null });
    expect(renamed).toMatchObject({ name: 'Manuals', expires_at: null });
    await expect(env.client.vectorStores.retrieve(store.id)).resolves.toMatchObject({ name: 'Manuals' });

    const other = await env.client.vectorStores.create({ name: 'Other' });
    const page = await env.client.vectorStores.list({ limit: 1 });
    expect(page.data.map((item) => item.id)).toEqual([other.id]);
    const all = [];
    for await (const item of env.client.vectorStores.list({ order: 'asc', limit: 1 })) all.push(item.id);
    expect(all).toEqual([store.id, other.id]);

    const deleted = await env.client.vectorStores.delete(store.id);
    assertMatchesSchema('DeleteVectorStoreResponse', deleted);
    expect(deleted).toEqual({ id: store.id, object: 'vector_store.deleted', deleted: true });
    await expect(env.client.vectorStores.retrieve(store.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('uploads a file and polls it from in_progress to completed, honouring openai-poll-after-ms', async () => {
    env.sim.indexingDelayMs = 150;
    const store = await env.client.vectorStores.create({ name: 'Slow' });
    const started = performance.now();
    const file = await env.client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from(DOCS['tides.md']), 'tides.md'));
    // The SDK's own default interval is 5 s; the header makes it poll every 30 ms instead.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(performance.now() - started).toBeLessThan(2_000);
    assertMatchesSchema('VectorStoreFileObject', file);
    expect(file).toMatchObject({
      object: 'vector_store.file',
      status: 'completed',
      last_error: null,
      vector_store_id: store.id,
      usage_bytes: DOCS['tides.md'].length,
    });
    expect(file.chunking_strategy).toEqual({ type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } });

    const raw = await fetch(`${env.sim.baseURL}/vector_stores/${store.id}/files/${file.id}`, { headers: { authorization: 'Bearer k' } });
    expect(raw.headers.get('openai-poll-after-ms')).toBe('30');
    const refreshed = await env.client.vectorStores.retrieve(store.id);
    expect(refreshed).toMatchObject({ status: 'completed', usage_bytes: DOCS['tides.md'].length, file_counts: { completed: 1, total: 1 } });
  });

  it('reports in_progress before indexing finishes', async () => {
    env.sim.indexingDelayMs = 60_000;
    const store = await env.client.vectorStores.create({ name: 'Pending' });
    const uploaded = await upload('tides.md', DOCS['tides.md']);
    const file = await env.client.vectorStores.files.create(store.id, { file_id: uploaded.id });
    expect(file).toMatchObject({ status: 'in_progress', usage_bytes: 0 });
    await expect(env.client.vectorStores.retrieve(store.id)).resolves.toMatchObject({ status: 'in_progress', file_counts: { in_progress: 1 } });
    const inProgress = await env.client.vectorStores.files.list(store.id, { filter: 'in_progress' });
    expect(inProgress.data.map((item) => item.id)).toEqual([uploaded.id]);
  });

  it('uploads a batch, polls it, lists its files and reports an unreadable file', async () => {
    env.sim.indexingDelayMs = 40;
    const store = await env.client.vectorStores.create({ name: 'Batch' });
    const batch = await env.client.vectorStores.fileBatches.uploadAndPoll(store.id, {
      files: await Promise.all([
        toFile(Buffer.from(DOCS['bread.txt']), 'bread.txt'),
        toFile(Buffer.from(DOCS['volcano.txt']), 'volcano.txt'),
        toFile(Buffer.from([0xff, 0xfe, 0x00, 0x01]), 'broken.pdf'),
      ]),
    });
    assertMatchesSchema('VectorStoreFileBatchObject', batch);
    expect(batch).toMatchObject({ object: 'vector_store.files_batch', status: 'completed', vector_store_id: store.id });
    expect(batch.file_counts).toEqual({ in_progress: 0, completed: 2, failed: 1, cancelled: 0, total: 3 });

    const files = await env.client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id });
    expect(files.data).toHaveLength(3);
    for (const file of files.data) assertMatchesSchema('VectorStoreFileObject', file);
    const failed = await env.client.vectorStores.files.list(store.id, { filter: 'failed' });
    expect(failed.data).toHaveLength(1);
    expect(failed.data[0]?.last_error).toMatchObject({ code: 'invalid_file' });

    const content = await env.client.vectorStores.files.content(files.data.find((file) => file.status === 'completed')?.id ?? '', {
      vector_store_id: store.id,
    });
    expect(content.data).toHaveLength(1);
  });

  it('cancels a batch whose files are still being indexed', async () => {
    env.sim.indexingDelayMs = 60_000;
    const store = await env.client.vectorStores.create({ name: 'Cancel' });
    const uploaded = await upload('bread.txt', DOCS['bread.txt']);
    const batch = await env.client.vectorStores.fileBatches.create(store.id, { file_ids: [uploaded.id] });
    expect(batch.status).toBe('in_progress');
    const cancelled = await env.client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', file_counts: { cancelled: 1, in_progress: 0 } });
    await expect(env.client.vectorStores.fileBatches.poll(store.id, batch.id)).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('searches the files by keyword with scores in 0..1, thresholds and attribute filters', async () => {
    const store = await env.client.vectorStores.create({ name: 'Search' });
    const ids: Record<string, string> = {};
    for (const [name, text] of Object.entries(DOCS)) ids[name] = (await upload(name, text)).id;
    await env.client.vectorStores.fileBatches.createAndPoll(store.id, {
      files: Object.entries(ids).map(([name, id]) => ({ file_id: id, attributes: { kind: name.endsWith('.md') ? 'notes' : 'text' } })),
    });

    const page = await env.client.vectorStores.search(store.id, { query: 'How do I bake bread in the oven?' });
    for (const hit of page.data) assertMatchesSchema('VectorStoreSearchResultItem', hit);
    expect(page.data[0]).toMatchObject({ file_id: ids['bread.txt'], filename: 'bread.txt', attributes: { kind: 'text' } });
    expect(page.data[0]?.content).toEqual([{ type: 'text', text: DOCS['bread.txt'] }]);
    for (const hit of page.data) expect(hit.score).toBeGreaterThan(0);
    expect(page.data[0]?.score).toBeLessThanOrEqual(1);

    const both = await env.client.vectorStores.search(store.id, { query: ['moon tides', 'magma lava'], max_num_results: 5 });
    expect(new Set(both.data.map((hit) => hit.filename))).toEqual(new Set(['tides.md', 'volcano.txt']));
    const again = await env.client.vectorStores.search(store.id, { query: ['moon tides', 'magma lava'], max_num_results: 5 });
    expect(again.data.map((hit) => hit.score)).toEqual(both.data.map((hit) => hit.score));

    const strict = await env.client.vectorStores.search(store.id, { query: 'bread moon', ranking_options: { score_threshold: 0.99 } });
    expect(strict.data).toEqual([]);
    const filtered = await env.client.vectorStores.search(store.id, { query: 'moon bread', filters: { type: 'eq', key: 'kind', value: 'notes' } });
    expect(filtered.data.map((hit) => hit.filename)).toEqual(['tides.md']);
  });

  it('chunks by the static strategy and rejects invalid ones', async () => {
    const words = Array.from({ length: 250 }, (_, i) => `w${i}`).join(' ');
    const chunks = chunkText(words, { max_chunk_size_tokens: 100, chunk_overlap_tokens: 50 });
    expect(chunks.map((chunk) => chunk.split(' ').length)).toEqual([100, 100, 100, 100]);
    expect(chunks[1]?.startsWith('w50 ')).toBe(true);

    const store = await env.client.vectorStores.create({ name: 'Chunks' });
    const uploaded = await upload('words.txt', words);
    const file = await env.client.vectorStores.files.createAndPoll(store.id, {
      file_id: uploaded.id,
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
    });
    expect(file.chunking_strategy).toEqual({ type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } });
    const hits = await env.client.vectorStores.search(store.id, { query: 'w120' });
    expect(hits.data.map((hit) => hit.content[0]?.text.split(' ')[0])).toEqual(['w100']);

    const invalid = env.client.vectorStores.files.create(store.id, {
      file_id: uploaded.id,
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 60 } },
    });
    await expect(invalid).rejects.toMatchObject({ status: 400, param: 'chunking_strategy' });
    await expect(env.client.vectorStores.files.create(store.id, { file_id: 'file-missing' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('updates attributes and detaches a file without deleting it', async () => {
    const store = await env.client.vectorStores.create({ name: 'Detach' });
    const uploaded = await upload('tides.md', DOCS['tides.md']);
    await env.client.vectorStores.files.createAndPoll(store.id, { file_id: uploaded.id });
    const updated = await env.client.vectorStores.files.update(uploaded.id, { vector_store_id: store.id, attributes: { year: 2024 } });
    expect(updated.attributes).toEqual({ year: 2024 });
    const deleted = await env.client.vectorStores.files.delete(uploaded.id, { vector_store_id: store.id });
    assertMatchesSchema('DeleteVectorStoreFileResponse', deleted);
    expect(deleted).toEqual({ id: uploaded.id, object: 'vector_store.file.deleted', deleted: true });
    await expect(env.client.files.retrieve(uploaded.id)).resolves.toMatchObject({ id: uploaded.id });
    await expect(env.client.vectorStores.retrieve(store.id)).resolves.toMatchObject({ file_counts: { total: 0 } });
  });
});
