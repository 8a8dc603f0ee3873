import { describe, expect, it } from 'vitest';
import { expectFailure, openWorld } from './helpers.ts';

const staticChunking = (max_chunk_size_tokens: number, chunk_overlap_tokens: number) => ({
  type: 'static' as const,
  static: { max_chunk_size_tokens, chunk_overlap_tokens },
});

describe('vector store parameters', () => {
  it('refuses invalid parameters with a message naming each one', async () => {
    const world = await openWorld();
    const { service } = world;
    const file = await world.upload('a.txt', 'alpha');
    const id = service.create().id;
    const cases: [() => unknown, RegExp][] = [
      [() => service.create({ file_ids: [file], chunking_strategy: staticChunking(99, 0) }), /'chunking_strategy\.static\.max_chunk_size_tokens'/],
      [
        () => service.create({ file_ids: [file], chunking_strategy: staticChunking(4097, 0) }),
        /'chunking_strategy\.static\.max_chunk_size_tokens'.*100 to 4096/,
      ],
      [() => service.create({ chunking_strategy: staticChunking(400, 201) }), /'chunking_strategy\.static\.chunk_overlap_tokens'.*\(200\)/],
      [() => service.create({ chunking_strategy: { type: 'fixed' } as never }), /'chunking_strategy\.type'/],
      [() => service.create({ chunking_strategy: { type: 'static' } as never }), /'chunking_strategy\.static'/],
      [() => service.create({ name: 5 as never }), /'name'/],
      [() => service.create({ file_ids: 'file-1' as never }), /'file_ids'/],
      [() => service.create({ file_ids: Array.from({ length: 501 }, (_, i) => `file-${i}`) }), /'file_ids'.*500/],
      [() => service.create({ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }), /'metadata'.*16/],
      [() => service.create({ metadata: { k: 'x'.repeat(513) } }), /'metadata\.k'/],
      [() => service.create({ expires_after: { anchor: 'last_active_at', days: 0 } }), /'expires_after\.days'/],
      [() => service.create({ expires_after: { anchor: 'created_at', days: 3 } as never }), /'expires_after\.anchor'/],
      [() => service.create({ colour: 'red' } as never), /Unrecognized request argument supplied: colour/],
      [() => service.list({ limit: 0 }), /'limit'/],
      [() => service.list({ limit: 101 }), /'limit'/],
      [() => service.list({ order: 'up' as never }), /'order'/],
      [() => service.files.list(id, { filter: 'done' as never }), /'filter'/],
      [() => service.files.create(id, { file_id: '' }), /'file_id'/],
      [() => service.files.create(id, { file_id: file, attributes: { tags: ['a'] } as never }), /'attributes\.tags'/],
      [() => service.files.update(id, file, {} as never), /'attributes'/],
      [() => service.batches.create(id, {}), /'file_ids' and 'files'/],
      [() => service.batches.create(id, { file_ids: [] }), /'file_ids'/],
      [() => service.batches.create(id, { files: [{ file_id: file, chunking_strategy: staticChunking(50, 0) }] }), /'files\[0\]\.chunking_strategy\.static/],
      [() => service.search(id, { query: '' }), /'query'/],
      [() => service.search(id, { query: [] }), /'query'/],
      [() => service.search(id, { query: 'x', max_num_results: 51 }), /'max_num_results'/],
      [() => service.search(id, { query: 'x', ranking_options: { score_threshold: 1.5 } }), /'ranking_options\.score_threshold'/],
      [() => service.search(id, { query: 'x', ranking_options: { ranker: 'best' as never } }), /'ranking_options\.ranker'/],
      [() => service.search(id, { query: 'x', rewrite_query: 'yes' as never }), /'rewrite_query'/],
    ];
    for (const [call, message] of cases) await expectFailure(call, 'E_INVALID_REQUEST', message);
  });

  it('answers unknown ids with E_NOT_FOUND, and makes no store when a file is unknown', async () => {
    const world = await openWorld();
    const { service } = world;
    const before = service.list().data.length;
    await expectFailure(() => service.create({ file_ids: ['file-nope'] }), 'E_NOT_FOUND', /file-nope/);
    expect(service.list().data).toHaveLength(before);
    await expectFailure(() => service.get('vs_nope'), 'E_NOT_FOUND', /vs_nope/);
    await expectFailure(() => service.update('vs_nope', { name: 'x' }), 'E_NOT_FOUND', /vs_nope/);
    await expectFailure(() => service.delete('vs_nope'), 'E_NOT_FOUND', /vs_nope/);
    await expectFailure(() => service.search('vs_nope', { query: 'x' }), 'E_NOT_FOUND', /vs_nope/);
    await expectFailure(() => service.indexStoreName('vs_nope'), 'E_NOT_FOUND', /vs_nope/);
    const id = service.create().id;
    await expectFailure(() => service.files.get(id, 'file-nope'), 'E_NOT_FOUND', /file-nope/);
    await expectFailure(() => service.files.create(id, { file_id: 'file-nope' }), 'E_NOT_FOUND', /file-nope/);
    await expectFailure(() => service.files.delete(id, 'file-nope'), 'E_NOT_FOUND', /file-nope/);
    await expectFailure(() => service.batches.get(id, 'vsfb_nope'), 'E_NOT_FOUND', /vsfb_nope/);
    await expectFailure(() => service.batches.cancel(id, 'vsfb_nope'), 'E_NOT_FOUND', /vsfb_nope/);
    // A batch with one unknown file attaches none.
    const known = await world.upload('a.txt', 'a');
    await expectFailure(() => service.batches.create(id, { file_ids: [known, 'file-nope'] }), 'E_NOT_FOUND', /file-nope/);
    expect(service.get(id).file_counts.total).toBe(0);
  });

  it('updates name, metadata and expiry, leaving out what is not given', async () => {
    const world = await openWorld();
    const created = world.service.create({ name: 'a', metadata: { k: 'v' }, expires_after: { anchor: 'last_active_at', days: 2 } });
    expect(created.expires_at).toBe(world.clock.now + 2 * 86_400);
    const renamed = world.service.update(created.id, { name: 'b' });
    expect(renamed).toMatchObject({ name: 'b', metadata: { k: 'v' }, expires_after: { anchor: 'last_active_at', days: 2 } });
    const cleared = world.service.update(created.id, { metadata: {}, expires_after: null, name: null });
    expect(cleared).toMatchObject({ name: 'b', metadata: {}, expires_at: null });
    expect('expires_after' in cleared).toBe(false);
    expect(world.service.get(created.id)).toEqual(cleared);
  });
});

describe('chunking in a local vector store', () => {
  it('uses auto as 800/400, gives a store one strategy, and refuses a different one naming the parameter', async () => {
    const world = await openWorld();
    const long = Array.from({ length: 400 }, (_, i) => `Sentence ${i} tells of river ${i}.`).join(' ');
    const a = await world.upload('a.txt', long);
    const b = await world.upload('b.txt', long);
    const c = await world.upload('c.txt', 'short');
    const store = world.service.create({ file_ids: [a], chunking_strategy: staticChunking(200, 50) });
    const inherited = world.service.files.create(store.id, { file_id: b });
    expect(inherited.chunking_strategy).toEqual(staticChunking(200, 50));
    await expectFailure(
      () => world.service.files.create(store.id, { file_id: c, chunking_strategy: { type: 'auto' } }),
      'E_INVALID_REQUEST',
      /'chunking_strategy'.*200-token/,
    );
    await expectFailure(
      () => world.service.batches.create(store.id, { file_ids: [c], chunking_strategy: staticChunking(300, 0) }),
      'E_INVALID_REQUEST',
      /'chunking_strategy'/,
    );
    expect(world.service.files.create(store.id, { file_id: c, chunking_strategy: staticChunking(200, 50) }).status).toBe('in_progress');
    await world.service.waitIdle(store.id);
    expect(world.fileIndex.store(store.id)?.chunking).toEqual({ type: 'static', maxChunkSizeTokens: 200, chunkOverlapTokens: 50 });
    const chunks = await world.service.search(store.id, { query: 'river', max_num_results: 50 });
    expect(chunks.data.length).toBeGreaterThan(4);

    // Once no file is indexed, a new strategy may start.
    for (const id of [a, b, c]) world.service.files.delete(store.id, id);
    expect(world.service.files.create(store.id, { file_id: a, chunking_strategy: { type: 'auto' } }).chunking_strategy).toEqual(staticChunking(800, 400));
    await world.service.waitIdle(store.id);
    expect(world.fileIndex.store(store.id)?.chunking).toEqual({ type: 'static', maxChunkSizeTokens: 800, chunkOverlapTokens: 400 });

    // Files in different stores are independent.
    const other = world.service.create({ file_ids: [a], chunking_strategy: staticChunking(100, 0) });
    expect(world.service.files.get(other.id, a).chunking_strategy).toEqual(staticChunking(100, 0));
  });
});
