import { invalidRequest, notFound } from './http.ts';

/** Something a cursor-paged list holds: an id, a creation time and an insertion order for ties. */
export interface Listed {
  id: string;
  createdAt: number;
  seq: number;
}

interface PageOptions {
  /** `limit` when the query has none (the API's documented default). */
  defaultLimit: number;
  maxLimit: number;
  /** The message when `after`/`before` names an object that is not in the list. */
  missing: (id: string) => string;
}

/**
 * Applies the API's cursor paging (`order`, default desc; `limit`; `after`; `before`) and returns the
 * page with `has_more`. The SDK asks for the next page with `after=<last id>`.
 */
export function pageOf<T extends Listed>(items: T[], query: URLSearchParams, options: PageOptions): { page: T[]; hasMore: boolean } {
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest("Invalid value for 'order': expected 'asc' or 'desc'.", 'order', 'invalid_value');
  const limit = Number(query.get('limit') ?? options.defaultLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > options.maxLimit) {
    throw invalidRequest(`Invalid value for 'limit': must be an integer from 1 to ${options.maxLimit}.`, 'limit', 'invalid_value');
  }
  let sorted = [...items].sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  if (order === 'desc') sorted.reverse();
  const before = query.get('before');
  if (before !== null) {
    const end = sorted.findIndex((item) => item.id === before);
    if (end < 0) throw notFound(options.missing(before), 'before');
    sorted = sorted.slice(0, end);
  }
  const after = query.get('after');
  const start = after === null ? 0 : sorted.findIndex((item) => item.id === after) + 1;
  if (start === 0 && after !== null) throw notFound(options.missing(after), 'after');
  return { page: sorted.slice(start, start + limit), hasMore: start + limit < sorted.length };
}

/**
 * The list body every cursor-paged endpoint sends. An empty page has no first or last id; the real API
 * sends null there although the spec says string.
 */
export function listBody(data: { id: string }[], hasMore: boolean): Record<string, unknown> {
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
}
