import type { Problem } from '../../shared/validation/index.ts';
import type { KnowledgeProblem } from './knowledgeStore.ts';

/** A problem as the problems list shows it: validation's, or one found outside validation (no code of its catalogue). */
export type ShownProblem = Omit<Problem, 'code'> & { code: string };

/**
 * Files that indexing could not read, as warnings of their Knowledge node. They come from the last
 * indexing, not from the project data, so they are kept beside validation's problems, never in them.
 */
export function knowledgeWarnings(problems: readonly KnowledgeProblem[]): ShownProblem[] {
  const seen = new Set<string>();
  const warnings: ShownProblem[] = [];
  for (const p of problems) {
    const id = `knowledge:${p.nodeId}:${p.path}`;
    // Two File Search nodes reading the same Knowledge report the same file twice; it is one problem.
    if (seen.has(id)) continue;
    seen.add(id);
    warnings.push({ id, severity: 'warning', nodeId: p.nodeId, field: null, code: 'knowledge-unreadable', message: `${p.path}: ${p.message}` });
  }
  return warnings;
}
