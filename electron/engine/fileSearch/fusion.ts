export interface Ranked {
  pk: number;
  /** 0–1. */
  score: number;
}

/** The usual reciprocal-rank-fusion constant (Cormack et al. 2009); it damps the top ranks' lead. */
const RRF_K = 60;
/** Share of the vector score in weighted fusion. */
const VECTOR_WEIGHT = 0.5;

const best = (a: Ranked, b: Ranked): number => b.score - a.score || a.pk - b.pk;

/** Reciprocal rank fusion: the sum of 1/(k + rank) over both lists, scaled so first in both is 1. */
export function fuseByRank(keyword: readonly Ranked[], vector: readonly Ranked[]): Ranked[] {
  const top = 2 / (RRF_K + 1);
  const fused = new Map<number, number>();
  for (const list of [keyword, vector]) {
    for (const [index, hit] of list.entries()) fused.set(hit.pk, (fused.get(hit.pk) ?? 0) + 1 / (RRF_K + index + 1) / top);
  }
  return [...fused.entries()].map(([pk, score]) => ({ pk, score })).sort(best);
}

/**
 * A convex combination of the two normalised scores (keyword: BM25 over its ceiling; vector:
 * cosine similarity), each known for every candidate, not only for those its own list ranked.
 * Unlike rank fusion it keeps the scores' absolute meaning, so the node's threshold means the same
 * thing for every query.
 */
export function fuseByScore(candidates: Iterable<number>, keyword: (pk: number) => number, vector: (pk: number) => number): Ranked[] {
  return [...new Set(candidates)].map((pk) => ({ pk, score: (1 - VECTOR_WEIGHT) * keyword(pk) + VECTOR_WEIGHT * vector(pk) })).sort(best);
}
