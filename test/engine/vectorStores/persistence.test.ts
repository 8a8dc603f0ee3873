import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFailure, openWorld } from './helpers.ts';

const DAY = 86_400;

describe('vector stores across sessions', () => {
  it('keeps stores, files, batches and their chunks when the Store is reopened', async () => {
    const world = await openWorld();
    const a = await world.upload('a.md', '# Kites\n\nBox kites fly steadily in strong coastal wind.');
    const b = await world.upload('b.txt', 'Paper boats float best on still ponds.');
    const created = world.service.create({ name: 'kept', file_ids: [a], metadata: { owner: 'me' } });
    const batch = world.service.batches.create(created.id, { file_ids: [b], attributes: { shelf: 2 } });
    await world.service.waitIdle();
    const before = {
      store: world.service.get(created.id),
      files: world.service.files.list(created.id),
      batch: world.service.batches.get(created.id, batch.id),
      search: await world.service.search(created.id, { query: 'box kites wind' }),
    };
    expect(before.store.file_counts.completed).toBe(2);

    const again = await world.reopen();
    expect(again.service.get(created.id)).toEqual(before.store);
    expect(again.service.files.list(created.id)).toEqual(before.files);
    expect(again.service.batches.get(created.id, batch.id)).toEqual(before.batch);
    expect(await again.service.search(created.id, { query: 'box kites wind' })).toEqual(before.search);
    expect(again.service.list().data.map((s) => s.id)).toEqual([created.id]);
  });

  it('resumes indexing that the previous session left unfinished', async () => {
    const world = await openWorld();
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => world.upload(`n${i}.txt`, `Note ${i} mentions the walrus colony.`)));
    const created = world.service.create({ file_ids: ids });
    // Closed before any pass could run: every file is still waiting in the database.
    await world.close();
    const db = new DatabaseSync(path.join(world.dir, 'runs.sqlite'));
    const waiting = db.prepare("SELECT count(*) AS n FROM vector_store_files WHERE status = 'in_progress'").get() as { n: number };
    db.close();
    expect(waiting.n).toBe(20);

    const again = await world.reopen();
    expect(again.service.get(created.id).status).toBe('in_progress');
    await again.service.waitIdle(created.id);
    expect(again.service.get(created.id)).toMatchObject({ status: 'completed', file_counts: { completed: 20, total: 20 } });
    expect((await again.service.search(created.id, { query: 'walrus', max_num_results: 50 })).data).toHaveLength(20);
  });
});

describe('vector store expiry', () => {
  it('expires a store days after it was last active, and activity moves the date on', async () => {
    const world = await openWorld();
    const file = await world.upload('a.txt', 'Lanterns glow along the canal at dusk.');
    const created = world.service.create({ file_ids: [file], expires_after: { anchor: 'last_active_at', days: 2 } });
    expect(created).toMatchObject({ expires_after: { anchor: 'last_active_at', days: 2 }, expires_at: created.created_at + 2 * DAY });
    await world.service.waitIdle(created.id);

    world.clock.now += DAY;
    await world.service.search(created.id, { query: 'lanterns' });
    expect(world.service.get(created.id)).toMatchObject({ status: 'completed', last_active_at: world.clock.now, expires_at: world.clock.now + 2 * DAY });
    expect(world.service.indexStoreName(created.id)).toBe(created.id);

    world.clock.now += 2 * DAY - 1;
    expect(world.service.get(created.id).status).toBe('completed');
    world.clock.now += 1;
    expect(world.service.list().data[0]).toMatchObject({ id: created.id, status: 'expired' });
    expect(world.service.get(created.id).status).toBe('expired');
    await expectFailure(() => world.service.search(created.id, { query: 'lanterns' }), 'E_INVALID_REQUEST', /expired/);
    await expectFailure(() => world.service.files.create(created.id, { file_id: file }), 'E_INVALID_REQUEST', /expired/);
    await expectFailure(() => world.service.indexStoreName(created.id), 'E_INVALID_REQUEST', /expired/);
    // It stays expired, even with a longer policy, and is still read, renamed and deleted.
    expect(world.service.update(created.id, { name: 'old', expires_after: { anchor: 'last_active_at', days: 30 } })).toMatchObject({
      name: 'old',
      status: 'expired',
    });
    expect(world.service.files.list(created.id).data).toHaveLength(1);
    const reopened = await world.reopen();
    expect(reopened.service.get(created.id).status).toBe('expired');
    reopened.service.delete(created.id);
    await reopened.service.waitIdle();
    expect(reopened.fileIndex.store(created.id)).toBeNull();
  });
});
