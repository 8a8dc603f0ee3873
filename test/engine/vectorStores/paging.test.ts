import { describe, expect, it } from 'vitest';
import type { ListPage, ListParams } from '../../../electron/engine/vectorStores/index.ts';
import { expectFailure, openWorld } from './helpers.ts';

/** What the SDKs' auto-pagination does: repeat the query with `after` set to the last id while `has_more`. */
function walk<T extends { id: string }>(list: (params: ListParams) => ListPage<T>, params: ListParams): string[] {
  const seen: string[] = [];
  let query = params;
  for (;;) {
    const page = list(query);
    expect(page.object).toBe('list');
    expect(page.first_id).toBe(page.data[0]?.id ?? null);
    expect(page.last_id).toBe(page.data.at(-1)?.id ?? null);
    seen.push(...page.data.map((item) => item.id));
    if (!page.has_more || page.data.length === 0) return seen;
    query = { ...query, after: page.last_id! };
  }
}

describe('vector store listing', () => {
  it('pages 25 stores as the SDKs expect: newest first by default, limit, after, before, order', async () => {
    const world = await openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      // Several stores share a second, so ties are broken by creation order.
      if (i % 3 === 0) world.clock.now++;
      ids.push(world.service.create({ name: `store ${i}` }).id);
    }
    const newest = [...ids].reverse();

    const first = world.service.list();
    expect(first.data.map((s) => s.id)).toEqual(newest.slice(0, 20));
    expect(first).toMatchObject({ first_id: newest[0], last_id: newest[19], has_more: true });
    const second = world.service.list({ after: first.last_id! });
    expect(second.data.map((s) => s.id)).toEqual(newest.slice(20));
    expect(second.has_more).toBe(false);

    expect(walk((p) => world.service.list(p), { limit: 7 })).toEqual(newest);
    expect(walk((p) => world.service.list(p), { limit: 4, order: 'asc' })).toEqual(ids);
    // `before` ends the range; auto-pagination keeps it and walks up to it.
    expect(walk((p) => world.service.list(p), { limit: 3, order: 'asc', before: ids[10] })).toEqual(ids.slice(0, 10));
    expect(world.service.list({ limit: 2, before: newest[5] })).toMatchObject({ data: [{ id: newest[0] }, { id: newest[1] }], has_more: true });
    expect(world.service.list({ after: newest[24] })).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: false });
    expect(world.service.list({ limit: '5' as never }).data).toHaveLength(5);
    await expectFailure(() => world.service.list({ after: 'vs_missing' }), 'E_NOT_FOUND', /'after'/);
  });

  it("pages a store's files, with a status filter that keeps its place when a cursor's file changed", async () => {
    const world = await openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await world.upload(i % 5 === 0 ? `odd${i}.exe` : `f${i}.txt`, `file ${i}`));
    const store = world.service.create({ file_ids: ids });
    const files = (p: ListParams) => world.service.files.list(store.id, p);
    expect(walk(files, { limit: 6, order: 'asc' })).toEqual(ids);
    expect(walk(files, { limit: 6 })).toEqual([...ids].reverse());
    const unsupported = ids.filter((_, i) => i % 5 === 0);
    expect(walk((p) => world.service.files.list(store.id, { ...p, filter: 'failed' }), { limit: 2, order: 'asc' })).toEqual(unsupported);

    const page = world.service.files.list(store.id, { filter: 'in_progress', limit: 5, order: 'asc' });
    expect(page.has_more).toBe(true);
    await world.service.waitIdle(store.id);
    // The cursor's file is completed now, so it is not in the filtered list, yet it still marks the place.
    expect(world.service.files.list(store.id, { filter: 'in_progress', after: page.last_id! })).toMatchObject({ data: [], has_more: false });
    const next = world.service.files.list(store.id, { filter: 'completed', limit: 100, order: 'asc', after: page.last_id! });
    expect(next.data.map((f) => f.id)).toEqual(ids.slice(ids.indexOf(page.last_id!) + 1).filter((id) => !unsupported.includes(id)));
  });
});
