import { invalidRequest, notFound } from './http.ts';

/** The API's list body; `first_id`/`last_id` are null on an empty page, as the real API sends them. */
export interface ListBody<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface PageOptions {
  /** `limit` when the query has none, and its largest value: 20 and 100 for most lists. */
  defaultLimit?: number;
  maxLimit?: number;
  /** What a cursor that names no listed object is called in the 404 ("assistant", "message", …). */
  noun: string;
}

function limitOf(query: URLSearchParams, defaultLimit: number, maxLimit: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw invalidRequest(`Invalid 'limit': integer must be between 1 and ${maxLimit} (got ${raw}).`, 'limit', 'invalid_value');
  }
  return limit;
}

function cursorIndex(sorted: readonly { id: string }[], id: string, name: 'after' | 'before', noun: string): number {
  const index = sorted.findIndex((item) => item.id === id);
  if (index < 0) throw notFound(`No ${noun} found with id '${id}' (the '${name}' cursor).`, name);
  return index;
}

/**
 * Cursor paging as the SDKs expect it: `order` (asc|desc, default desc) over `items` given oldest first;
 * `after=<id>` starts after that object (the SDKs' auto-paging asks with the last id of a page);
 * `before=<id>` ends before it, keeping the `limit` objects nearest to it; `has_more` says whether more
 * lie beyond the page in the direction of travel.
 */
export function page<T extends { id: string }>(items: readonly T[], query: URLSearchParams, options: PageOptions): ListBody<T> {
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest(`Invalid 'order': expected 'asc' or 'desc' (got '${order}').`, 'order', 'invalid_value');
  const limit = limitOf(query, options.defaultLimit ?? 20, options.maxLimit ?? 100);
  const sorted = order === 'asc' ? items : [...items].reverse();
  const after = query.get('after');
  const before = query.get('before');
  const start = after ? cursorIndex(sorted, after, 'after', options.noun) + 1 : 0;
  const end = before ? cursorIndex(sorted, before, 'before', options.noun) : sorted.length;
  let data: T[];
  let hasMore: boolean;
  if (before && !after) {
    data = sorted.slice(Math.max(start, end - limit), end);
    hasMore = end - limit > start;
  } else {
    data = sorted.slice(start, Math.min(end, start + limit));
    hasMore = start + limit < end;
  }
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
}

/** The same body for a page whose items are converted for the wire after paging. */
export const mapList = <T, U>(list: ListBody<T>, convert: (item: T) => U): ListBody<U> => ({ ...list, data: list.data.map(convert) });
