import { describe, expect, it } from 'vitest';
import { vectorStoreFileBatchSchema } from '../../../shared/runtime/vectorStores.ts';
import { expectFailure, gatedFiles, openWorld, type World } from './helpers.ts';

const upload = (world: World, count: number, prefix = 'doc') =>
  Promise.all(
    Array.from({ length: count }, (_, i) => world.upload(`${prefix}${i}.txt`, `${prefix} ${i}: the ${prefix}-${i} passage about lighthouse keepers.`)),
  );

describe('vector store file batches', () => {
  it('indexes a batch and counts its files; a finished batch cannot be cancelled', async () => {
    const world = await openWorld();
    const store = world.service.create({ name: 'batched' });
    const ids = await upload(world, 3);
    const batch = world.service.batches.create(store.id, { file_ids: ids, attributes: { source: 'upload' } });
    expect(vectorStoreFileBatchSchema.parse(batch)).toEqual(batch);
    expect(batch).toMatchObject({
      object: 'vector_store.files_batch',
      vector_store_id: store.id,
      status: 'in_progress',
      file_counts: { in_progress: 3, completed: 0, failed: 0, cancelled: 0, total: 3 },
    });
    expect(batch.id).toMatch(/^vsfb_/);
    expect(world.service.get(store.id).status).toBe('in_progress');
    await world.service.waitIdle(store.id);
    expect(world.service.batches.get(store.id, batch.id)).toMatchObject({
      status: 'completed',
      file_counts: { in_progress: 0, completed: 3, failed: 0, cancelled: 0, total: 3 },
    });
    const listed = world.service.batches.listFiles(store.id, batch.id, { order: 'asc' });
    expect(listed.data.map((file) => file.id)).toEqual(ids);
    expect(listed.data.every((file) => file.attributes?.source === 'upload')).toBe(true);
    await expectFailure(() => world.service.batches.cancel(store.id, batch.id), 'E_INVALID_REQUEST', /no longer in progress/);
    await expectFailure(() => world.service.batches.get(world.service.create().id, batch.id), 'E_NOT_FOUND', batch.id);
  });

  it('takes per-file attributes with `files`, and fails a batch whose every file fails', async () => {
    const world = await openWorld();
    const store = world.service.create();
    const [a, b] = await upload(world, 2);
    const batch = world.service.batches.create(store.id, {
      files: [
        { file_id: a!, attributes: { n: 1 } },
        { file_id: b!, attributes: { n: 2 } },
      ],
    });
    await world.service.waitIdle(store.id);
    expect(world.service.files.get(store.id, b!).attributes).toEqual({ n: 2 });
    expect(world.service.batches.get(store.id, batch.id).status).toBe('completed');
    const bad = world.service.batches.create(store.id, { file_ids: [await world.upload('x.bin', 'x'), await world.upload('y.exe', 'y')] });
    expect(bad).toMatchObject({ status: 'failed', file_counts: { failed: 2, total: 2 } });
  });

  it('cancels the files of a batch that are still waiting, and leaves them out of the index', async () => {
    const world = await openWorld();
    const store = world.service.create();
    const ids = await upload(world, 4);
    const batch = world.service.batches.create(store.id, { file_ids: ids });
    const cancelled = world.service.batches.cancel(store.id, batch.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', file_counts: { in_progress: 0, cancelled: 4, total: 4 } });
    expect(world.service.get(store.id)).toMatchObject({ status: 'completed', file_counts: { cancelled: 4, total: 4 } });
    await world.service.waitIdle(store.id);
    expect(world.service.batches.get(store.id, batch.id).status).toBe('cancelled');
    expect(world.service.files.list(store.id, { filter: 'cancelled' }).data).toHaveLength(4);
    expect(world.fileIndex.files(store.id)).toEqual([]);
    expect((await world.service.search(store.id, { query: 'lighthouse keepers' })).data).toEqual([]);
  });

  it('stops the pass in flight when its batch is cancelled; files of other batches still complete', async () => {
    let gate!: ReturnType<typeof gatedFiles>;
    const world = await openWorld({ wrapFiles: (files) => (gate = gatedFiles(files)) });
    const store = world.service.create();
    const first = world.service.batches.create(store.id, { file_ids: await upload(world, 3, 'first') });
    await gate.reading;
    const second = world.service.batches.create(store.id, { file_ids: await upload(world, 2, 'second') });
    world.service.batches.cancel(store.id, first.id);
    gate.release();
    await world.service.waitIdle(store.id);
    expect(world.service.batches.get(store.id, first.id)).toMatchObject({ status: 'cancelled', file_counts: { cancelled: 3, total: 3 } });
    expect(world.service.batches.get(store.id, second.id)).toMatchObject({ status: 'completed', file_counts: { completed: 2, total: 2 } });
    expect(world.service.get(store.id).file_counts).toEqual({ in_progress: 0, completed: 2, failed: 0, cancelled: 3, total: 5 });
    const indexed = world.fileIndex.files(store.id).map((file) => file.path);
    expect(indexed.sort()).toEqual(
      world.service.files
        .list(store.id, { filter: 'completed' })
        .data.map((file) => file.id)
        .sort(),
    );
    const hits = await world.service.search(store.id, { query: 'first lighthouse', max_num_results: 50 });
    expect(hits.data.every((hit) => hit.filename.startsWith('second'))).toBe(true);
  });

  it('moves a re-attached file to its new batch, and counts follow', async () => {
    const world = await openWorld();
    const store = world.service.create();
    const ids = await upload(world, 2);
    const one = world.service.batches.create(store.id, { file_ids: ids });
    const two = world.service.batches.create(store.id, { file_ids: [ids[0]!] });
    await world.service.waitIdle(store.id);
    expect(world.service.batches.get(store.id, one.id).file_counts.total).toBe(1);
    expect(world.service.batches.get(store.id, two.id).file_counts.total).toBe(1);
    expect(world.service.get(store.id).file_counts).toMatchObject({ completed: 2, total: 2 });
    world.service.files.delete(store.id, ids[1]!);
    expect(world.service.batches.get(store.id, one.id).file_counts).toMatchObject({ completed: 0, total: 0 });
  });
});
