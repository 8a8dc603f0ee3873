import type { DatabaseSync } from 'node:sqlite';
import { queryTerms } from './analyzer.ts';

/**
 * BM25 as Pyserini runs it on BEIR (Lucene's BM25Similarity with k1 = 0.9, b = 0.4). FTS5's own
 * `bm25()` is fixed at k1 = 1.2, b = 0.75, uses a different IDF and counts every store in the table,
 * so the score is computed here from FTS5's postings instead.
 */
const BM25_PARAMS = { k1: 0.9, b: 0.4 } as const;

/** Lucene's IDF: never negative, unlike the classic Robertson–Spärck Jones form. */
export const idf = (docCount: number, docFreq: number): number => Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

// Lucene stores each document's length in one byte (SmallFloat.intToByte4): exact below 24 terms,
// then 3 significant bits. Reproducing it keeps scores, and so ties and rankings, identical.
const NUM_FREE_VALUES = 24;
function longToInt4(i: number): number {
  const bits = 32 - Math.clz32(i);
  if (bits < 4) return i;
  const shift = bits - 4;
  return ((i >>> shift) & 0x07) | ((shift + 1) << 3);
}
function int4ToLong(i: number): number {
  const bits = i & 0x07;
  const shift = (i >>> 3) - 1;
  return shift === -1 ? bits : (bits | 0x08) * 2 ** shift;
}
/** A document length as Lucene sees it after storing it in its one-byte norm. */
export function quantizedLength(length: number): number {
  if (length < NUM_FREE_VALUES) return length;
  const encoded = NUM_FREE_VALUES + longToInt4(length - NUM_FREE_VALUES);
  return NUM_FREE_VALUES + int4ToLong(encoded - NUM_FREE_VALUES);
}

export interface KeywordHit {
  pk: number;
  /** Raw BM25. */
  bm25: number;
  /**
   * BM25 over its ceiling for this query: each term's tf factor tends to 1 as the term repeats, so
   * the ceiling is the sum of the query terms' IDFs. 0–1, and comparable across queries.
   */
  score: number;
}

/** The best `limit` chunks of a store for a query by BM25; empty when no query term is indexed. */
export function keywordSearch(db: DatabaseSync, storeId: string, query: string, limit: number): KeywordHit[] {
  const terms = queryTerms(query);
  if (terms.size === 0 || limit <= 0) return [];
  const stats = db.prepare('SELECT count(*) AS n, total(term_count) AS total FROM fs_chunks WHERE store_id = ? AND term_count > 0').get(storeId) as {
    n: number;
    total: number;
  };
  if (stats.n === 0) return [];
  const avgLength = stats.total / stats.n;
  const { k1, b } = BM25_PARAMS;
  const postings = db.prepare(
    'SELECT p.doc AS pk, count(*) AS tf, c.term_count AS len FROM fs_fts_postings p JOIN fs_chunks c ON c.pk = p.doc WHERE p.term = ? AND c.store_id = ? GROUP BY p.doc',
  );
  const scores = new Map<number, number>();
  let ceiling = 0;
  for (const [term, weight] of terms) {
    const rows = postings.all(term, storeId) as { pk: number; tf: number; len: number }[];
    const termIdf = idf(stats.n, rows.length) * weight;
    ceiling += termIdf;
    for (const row of rows) {
      const norm = k1 * (1 - b + (b * quantizedLength(row.len)) / avgLength);
      scores.set(row.pk, (scores.get(row.pk) ?? 0) + (termIdf * row.tf) / (row.tf + norm));
    }
  }
  return [...scores.entries()]
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, limit)
    .map(([pk, bm25]) => ({ pk, bm25, score: ceiling > 0 ? bm25 / ceiling : 0 }));
}
