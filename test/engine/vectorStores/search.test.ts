import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vectorStoreSearchResultsPageSchema } from '../../../shared/runtime/vectorStores.ts';
import { createOpenAIEmbedder } from '../../../electron/engine/fileSearch/embedder.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { expectFailure, gatedFiles, openWorld, type World } from './helpers.ts';

const DOCS: Record<string, string> = {
  'volcano.md': '# Volcanoes\n\nMagma rises through the crust and erupts as lava from the volcano.\n',
  'bakery.txt': 'The bakery sells sourdough bread, croissants and rye loaves every morning.\n',
  'orbit.html': '<h1>Orbits</h1><p>Satellites stay in orbit because gravity bends their path around the planet.</p>',
  'bread.txt': 'Bread needs flour, water, salt and yeast; sourdough uses a starter instead of yeast.\n',
};

async function storeWithDocs(world: World): Promise<{ id: string; files: Record<string, string> }> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(DOCS)) files[name] = await world.upload(name, text);
  const created = world.service.create({ name: 'docs', file_ids: Object.values(files) });
  await world.service.waitIdle(created.id);
  return { id: created.id, files };
}

describe('vector store search', () => {
  it('finds the right file with a 0–1 score and the page shape of the API', async () => {
    const world = await openWorld();
    const { id, files } = await storeWithDocs(world);
    const page = await world.service.search(id, { query: 'lava erupting from a volcano' });
    expect(vectorStoreSearchResultsPageSchema.parse(page)).toEqual(page);
    expect(page).toMatchObject({
      object: 'vector_store.search_results.page',
      search_query: ['lava erupting from a volcano'],
      has_more: false,
      next_page: null,
    });
    expect(page.data[0]).toMatchObject({ file_id: files['volcano.md'], filename: 'volcano.md', attributes: {} });
    expect(page.data[0]!.content).toEqual([{ type: 'text', text: expect.stringContaining('Magma rises') }]);
    for (const hit of page.data) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
    // HTML is read as text: the heading and paragraph, not the tags.
    const orbit = await world.service.search(id, { query: 'gravity satellites' });
    expect(orbit.data[0]).toMatchObject({ file_id: files['orbit.html'] });
    expect(orbit.data[0]!.content[0]!.text).not.toContain('<p>');
  });

  it('respects max_num_results and score_threshold, and merges several queries', async () => {
    const world = await openWorld();
    const { id, files } = await storeWithDocs(world);
    const both = await world.service.search(id, { query: 'sourdough bread' });
    expect(both.data.map((hit) => hit.filename).sort()).toEqual(['bakery.txt', 'bread.txt']);
    const one = await world.service.search(id, { query: 'sourdough bread', max_num_results: 1 });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]!.file_id).toBe(both.data[0]!.file_id);
    const [top, second] = both.data;
    const strict = await world.service.search(id, { query: 'sourdough bread', ranking_options: { score_threshold: (top!.score + second!.score) / 2 } });
    expect(strict.data.map((hit) => hit.file_id)).toEqual([top!.file_id]);

    const merged = await world.service.search(id, { query: ['volcano lava', 'satellite orbit'], rewrite_query: true, ranking_options: { ranker: 'none' } });
    expect(merged.search_query).toEqual(['volcano lava', 'satellite orbit']);
    expect(new Set(merged.data.map((hit) => hit.file_id))).toEqual(new Set([files['volcano.md'], files['orbit.html']]));
    expect(merged.data.map((hit) => hit.score)).toEqual([...merged.data.map((hit) => hit.score)].sort((a, b) => b - a));
  });

  it('filters by file attributes', async () => {
    const world = await openWorld();
    const { id, files } = await storeWithDocs(world);
    world.service.files.update(id, files['bakery.txt']!, { attributes: { kind: 'shop', year: 2021 } });
    world.service.files.update(id, files['bread.txt']!, { attributes: { kind: 'recipe', year: 2024 } });
    const shops = await world.service.search(id, { query: 'sourdough', filters: { type: 'eq', key: 'kind', value: 'shop' } });
    expect(shops.data.map((hit) => hit.file_id)).toEqual([files['bakery.txt']]);
    expect(shops.data[0]!.attributes).toEqual({ kind: 'shop', year: 2021 });
    const recent = await world.service.search(id, {
      query: 'sourdough',
      filters: {
        type: 'and',
        filters: [
          { type: 'gte', key: 'year', value: 2022 },
          { type: 'in', key: 'kind', value: ['recipe', 'shop'] },
        ],
      },
    });
    expect(recent.data.map((hit) => hit.file_id)).toEqual([files['bread.txt']]);
    const neither = await world.service.search(id, { query: 'sourdough', filters: { type: 'nin', key: 'kind', value: ['recipe', 'shop'] } });
    expect(neither.data).toEqual([]);
    await expectFailure(
      () => world.service.search(id, { query: 'x', filters: { type: 'like', key: 'kind', value: 'x' } as never }),
      'E_INVALID_REQUEST',
      /'filters\.type'/,
    );
  });

  it('stops finding a detached file and a deleted store, while the runtime files stay', async () => {
    const world = await openWorld();
    const { id, files } = await storeWithDocs(world);
    const volcano = files['volcano.md']!;
    expect(world.service.files.delete(id, volcano)).toEqual({ id: volcano, object: 'vector_store.file.deleted', deleted: true });
    // Gone from results at once, and from the index after the pass that follows.
    expect((await world.service.search(id, { query: 'volcano lava' })).data).toEqual([]);
    await world.service.waitIdle(id);
    expect(world.fileIndex.files(id).map((file) => file.path)).not.toContain(volcano);
    expect(world.service.get(id).file_counts.total).toBe(3);
    await expectFailure(() => world.service.files.get(id, volcano), 'E_NOT_FOUND', volcano);
    expect(world.files.get(volcano).filename).toBe('volcano.md');

    expect(world.service.delete(id)).toEqual({ id, object: 'vector_store.deleted', deleted: true });
    await world.service.waitIdle(id);
    expect(world.fileIndex.store(id)).toBeNull();
    await expectFailure(() => world.service.get(id), 'E_NOT_FOUND', id);
    await expectFailure(() => world.service.search(id, { query: 'bread' }), 'E_NOT_FOUND', id);
    for (const fileId of Object.values(files)) expect(world.files.get(fileId).id).toBe(fileId);
  });

  it('deletes a store while it is being indexed', async () => {
    let gate!: ReturnType<typeof gatedFiles>;
    const world = await openWorld({ wrapFiles: (files) => (gate = gatedFiles(files)) });
    const ids = await Promise.all(Array.from({ length: 3 }, (_, i) => world.upload(`doc${i}.txt`, `Document number ${i}.`)));
    const created = world.service.create({ file_ids: ids });
    await gate.reading;
    world.service.delete(created.id);
    gate.release();
    await world.service.waitIdle();
    expect(world.fileIndex.store(created.id)).toBeNull();
    expect(world.store.vectorStoreFiles.listByStore(created.id)).toEqual([]);
  });
});

describe('vector store search with an embedder', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('embeds the chunks and searches hybrid, with scores still 0–1', async () => {
    const embedder = createOpenAIEmbedder({ baseURL: sim.baseURL, apiKey: 'test-key', model: 'text-embedding-3-small', dimensions: 64 });
    const world = await openWorld({ embedder: () => embedder });
    const { id, files } = await storeWithDocs(world);
    expect(world.fileIndex.store(id)?.embedderId).toBe(embedder.id);
    const page = await world.service.search(id, { query: 'magma and lava' });
    expect(page.data[0]!.file_id).toBe(files['volcano.md']);
    for (const hit of page.data) expect(hit.score).toBeLessThanOrEqual(1);
  });
});
