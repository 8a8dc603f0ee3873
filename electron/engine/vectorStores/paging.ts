import { AppFailure } from '../../../shared/errors.ts';
import type { ListQuery } from './params.ts';
import type { ListPage } from './types.ts';

/**
 * One page of `items` (given in insertion order) by creation time, insertion order breaking ties. The
 * page is the first `limit` items strictly between `after` and `before`, and `has_more` says whether
 * more lie between them: so the SDKs' auto-pagination, which repeats the query with `after` set to the
 * page's last id, walks the whole range in order, with or without `before`. A cursor is placed by the
 * object it names even when `keep` leaves that object out (a file whose status changed between two
 * pages of a filtered listing); a cursor naming no object at all is refused.
 */
export function pageOf<T extends { id: string; created_at: number }>(
  items: readonly T[],
  query: ListQuery,
  keep: (item: T) => boolean = () => true,
): ListPage<T> {
  const sorted = items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => a.item.created_at - b.item.created_at || a.position - b.position)
    .map(({ item }) => item);
  if (query.order === 'desc') sorted.reverse();
  const indexOf = (id: string, name: string): number => {
    const index = sorted.findIndex((item) => item.id === id);
    if (index < 0) throw new AppFailure('E_NOT_FOUND', `Invalid '${name}': there is no object '${id}' in this list.`);
    return index;
  };
  const start = query.after === undefined ? 0 : indexOf(query.after, 'after') + 1;
  const end = query.before === undefined ? sorted.length : indexOf(query.before, 'before');
  const range = sorted.slice(start, Math.max(start, end)).filter(keep);
  const data = range.slice(0, query.limit);
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: range.length > data.length };
}
