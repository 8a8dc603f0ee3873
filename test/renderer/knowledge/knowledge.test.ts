import { describe, expect, it } from 'vitest';
import { knowledgeWarnings } from '../../../renderer/knowledge/knowledgeProblems.ts';
import { progressPercent } from '../../../renderer/knowledge/knowledgeStore.ts';

describe('knowledgeWarnings', () => {
  it('turns unreadable files into warnings of their Knowledge node, once each', () => {
    const problem = { nodeId: 'n_k', path: 'docs/broken.pdf', message: 'The PDF is encrypted.' };
    const warnings = knowledgeWarnings([problem, { ...problem }, { ...problem, path: 'docs/huge.txt', message: 'Too large.' }]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ severity: 'warning', nodeId: 'n_k', field: null, message: 'docs/broken.pdf: The PDF is encrypted.' });
    expect(new Set(warnings.map((w) => w.id)).size).toBe(2);
  });
});

describe('progressPercent', () => {
  it('is null until the total is known and never passes 100', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ phase: 'files', done: 0, total: 0, path: null })).toBeNull();
    expect(progressPercent({ phase: 'files', done: 1, total: 3, path: null })).toBe(33);
    expect(progressPercent({ phase: 'embeddings', done: 5, total: 4, path: null })).toBe(100);
  });
});
