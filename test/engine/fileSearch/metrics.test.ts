import { describe, expect, it } from 'vitest';
import { evaluateRun, ndcgAt, recallAt } from '../../../bench/retrieval/metrics.ts';

const grades = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('retrieval metrics (hand-computed)', () => {
  it('computes nDCG@k with graded relevance and a log2 discount', () => {
    // DCG = 2/log2(2) + 0/log2(3) + 1/log2(4) = 2.5; ideal = 2/1 + 1/log2(3) = 2.6309298; 2.5 / 2.6309298 = 0.950234
    const judged = grades({ a: 2, b: 1, x: 0 });
    expect(ndcgAt(10, ['a', 'c', 'b'], judged)).toBeCloseTo(2.5 / (2 + 1 / Math.log2(3)), 12);
    expect(ndcgAt(10, ['a', 'c', 'b'], judged)).toBeCloseTo(0.950234, 6);
    expect(ndcgAt(10, ['a', 'b'], judged)).toBe(1);
    // Swapped: DCG = 1 + 2/log2(3) = 2.2618595; / 2.6309298 = 0.8597186
    expect(ndcgAt(10, ['b', 'a'], judged)).toBeCloseTo(0.8597186, 6);
    // The cut: b at rank 2 is outside @1; the ideal @1 is 2.
    expect(ndcgAt(1, ['b', 'a'], judged)).toBeCloseTo(0.5, 12);
    expect(ndcgAt(10, ['x', 'y'], judged)).toBe(0);
    expect(ndcgAt(10, ['a'], grades({ a: 0 }))).toBe(0);
  });

  it('computes recall@k over the documents graded above 0', () => {
    const judged = grades({ a: 1, b: 2, c: 1, z: 0 });
    expect(recallAt(100, ['a', 'q', 'c', 'z'], judged)).toBeCloseTo(2 / 3, 12);
    expect(recallAt(1, ['a', 'b', 'c'], judged)).toBeCloseTo(1 / 3, 12);
    expect(recallAt(100, [], judged)).toBe(0);
  });

  it('averages over judged queries, counting a missing answer as 0 and skipping queries with nothing relevant', () => {
    const qrels = new Map([
      ['q1', grades({ a: 1 })],
      ['q2', grades({ b: 1 })],
      ['q3', grades({ c: 0 })],
    ]);
    const run = new Map([
      ['q1', ['a']],
      ['q3', ['c']],
    ]);
    expect(evaluateRun(run, qrels)).toEqual({ ndcg10: 0.5, recall100: 0.5, queries: 2 });
  });
});
