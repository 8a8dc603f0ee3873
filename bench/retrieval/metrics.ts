/** Graded judgments of one query: document id → relevance (0 or less is not relevant). */
export type Judgments = ReadonlyMap<string, number>;

/**
 * nDCG@k as pytrec_eval's `ndcg_cut` computes it for BEIR: linear gain (the relevance grade itself),
 * discount log2(rank + 1), ideal ranking from the judged grades. 0 when nothing is relevant.
 */
export function ndcgAt(k: number, ranked: readonly string[], judgments: Judgments): number {
  const dcg = ranked.slice(0, k).reduce((sum, doc, i) => sum + Math.max(0, judgments.get(doc) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...judgments.values()]
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + grade / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant documents (grade above 0) found in the first k. 0 when nothing is relevant. */
export function recallAt(k: number, ranked: readonly string[], judgments: Judgments): number {
  const relevant = [...judgments.entries()].filter(([, grade]) => grade > 0).map(([doc]) => doc);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((doc) => top.has(doc)).length / relevant.length;
}

export interface RetrievalScores {
  ndcg10: number;
  recall100: number;
  /** Queries averaged over: those with at least one relevant document. */
  queries: number;
}

/**
 * Mean nDCG@10 and Recall@100 over every query with a relevant document; a query the run has no
 * answer for counts as 0 (trec_eval would skip it, which flatters a system that returns nothing).
 */
export function evaluateRun(run: ReadonlyMap<string, readonly string[]>, qrels: ReadonlyMap<string, Judgments>): RetrievalScores {
  let ndcg = 0;
  let recall = 0;
  let queries = 0;
  for (const [query, judgments] of qrels) {
    if (![...judgments.values()].some((grade) => grade > 0)) continue;
    const ranked = run.get(query) ?? [];
    ndcg += ndcgAt(10, ranked, judgments);
    recall += recallAt(100, ranked, judgments);
    queries++;
  }
  return { ndcg10: queries ? ndcg / queries : 0, recall100: queries ? recall / queries : 0, queries };
}
