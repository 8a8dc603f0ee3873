import { isObject } from './fields.ts';
import { invalidRequest } from './http.ts';

/** A file's attributes, as set on the vector store file. */
export type Attributes = Record<string, string | number | boolean>;

/** One indexed piece of a vector store file. */
export interface Chunk {
  fileId: string;
  filename: string;
  text: string;
  attributes: Attributes;
}

export interface Hit {
  chunk: Chunk;
  /** In 0..1: the share of the query's (idf-weighted) terms the chunk holds, BM25-saturated. */
  score: number;
}

interface SearchOptions {
  maxResults: number;
  scoreThreshold: number;
  /** A `ComparisonFilter` or `CompoundFilter` on the files' attributes. */
  filters?: unknown;
}

// BM25's usual constants.
const K1 = 1.2;
const B = 0.75;
// Words too common to say anything about relevance.
const STOP_WORDS = new Set(
  'a an and are as at be by do does for from has have how i in is it its of on or that the this to was were what when where which who why with'.split(' '),
);

function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
}

/**
 * Keyword search over `chunks`: each query is scored with BM25, normalised by the score a chunk holding
 * every query term would reach, so scores are deterministic and fall in 0..1; a chunk's score is its best
 * over the queries. Chunks matching no term are never returned; ties keep the chunks' order.
 */
export function searchChunks(chunks: Chunk[], queries: string[], options: SearchOptions): Hit[] {
  const candidates = chunks.filter((chunk) => options.filters === undefined || options.filters === null || matches(chunk.attributes, options.filters));
  const docs = candidates.map((chunk) => terms(chunk.text));
  const averageLength = docs.reduce((sum, doc) => sum + doc.length, 0) / (docs.length || 1);
  const documentFrequency = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const idf = (term: string): number => {
    const n = documentFrequency.get(term) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };

  const scoreOf = (doc: string[], query: string[]): number => {
    const weight = query.reduce((sum, term) => sum + idf(term), 0);
    if (weight === 0) return 0;
    let total = 0;
    for (const term of query) {
      const tf = doc.filter((word) => word === term).length;
      if (tf === 0) continue;
      // BM25's term saturation divided by its ceiling (K1 + 1), so each term contributes at most its idf.
      const saturation = tf / (tf + K1 * (1 - B + (B * doc.length) / (averageLength || 1)));
      total += idf(term) * saturation;
    }
    return total / weight;
  };

  const queryTerms = queries.map((query) => [...new Set(terms(query))]);
  return candidates
    .map((chunk, index) => ({ chunk, score: round(Math.max(0, ...queryTerms.map((query) => scoreOf(docs[index] ?? [], query)))) }))
    .filter((hit) => hit.score > 0 && hit.score >= options.scoreThreshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, options.maxResults);
}

/** `ranking_options.score_threshold` (0..1, default 0), as the search endpoint and the file_search tool take it. */
export function scoreThreshold(options: unknown): number {
  if (options === undefined || options === null) return 0;
  const threshold = isObject(options) ? (options.score_threshold ?? 0) : undefined;
  if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) {
    throw invalidRequest("Invalid 'ranking_options.score_threshold': must be a number from 0 to 1.", 'ranking_options.score_threshold', 'invalid_value');
  }
  return threshold;
}

function round(score: number): number {
  return Math.round(score * 10_000) / 10_000;
}

/** Applies a `ComparisonFilter` (`eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `nin`) or a `CompoundFilter` (`and`, `or`). */
function matches(attributes: Attributes, filter: unknown): boolean {
  if (filter === null || typeof filter !== 'object' || !('type' in filter)) throw invalidFilter();
  if (filter.type === 'and' || filter.type === 'or') {
    const parts = 'filters' in filter ? filter.filters : undefined;
    if (!Array.isArray(parts)) throw invalidFilter();
    return filter.type === 'and' ? parts.every((part) => matches(attributes, part)) : parts.some((part) => matches(attributes, part));
  }
  if (!('key' in filter) || typeof filter.key !== 'string' || !('value' in filter)) throw invalidFilter();
  const actual = attributes[filter.key];
  const expected = filter.value;
  switch (filter.type) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
    case 'nin': {
      if (!Array.isArray(expected)) throw invalidFilter();
      const found = expected.includes(actual);
      return filter.type === 'in' ? found : !found;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(actual, expected, filter.type);
    default:
      throw invalidFilter();
  }
}

function compare(actual: unknown, expected: unknown, op: 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  if (typeof actual !== typeof expected || (typeof actual !== 'number' && typeof actual !== 'string')) return false;
  const order = (actual as number | string) < (expected as number | string) ? -1 : actual === expected ? 0 : 1;
  return op === 'gt' ? order > 0 : op === 'gte' ? order >= 0 : op === 'lt' ? order < 0 : order <= 0;
}

function invalidFilter() {
  return invalidRequest(
    "Invalid 'filters': expected a comparison filter (eq, ne, gt, gte, lt, lte, in, nin) or a compound filter (and, or).",
    'filters',
    'invalid_value',
  );
}
