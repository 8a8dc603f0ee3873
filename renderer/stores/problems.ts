import type { Project } from '../../shared/graph/project.ts';
import { validateProject, type Problem } from '../../shared/validation/index.ts';
import type { ProjectState } from './projectStore.ts';

export interface ProblemIndex {
  all: readonly Problem[];
  byNode: ReadonlyMap<string, readonly Problem[]>;
  counts: ReadonlyMap<string, { errors: number; warnings: number }>;
  errors: number;
  warnings: number;
}

const EMPTY: readonly Problem[] = [];

let lastProject: Project | null = null;
let lastIndex: ProblemIndex | null = null;

/**
 * Validation reads node data, edges and settings, never positions. A drag replaces the project on
 * every frame, so re-validating only when something validation reads has changed keeps drags cheap.
 */
function sameContent(a: Project, b: Project): boolean {
  if (a.edges !== b.edges || a.settings !== b.settings || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!;
    const y = b.nodes[i]!;
    if (x.id !== y.id || x.data !== y.data) return false;
  }
  return true;
}

export function problemIndex(project: Project): ProblemIndex {
  if (lastIndex && lastProject && (lastProject === project || sameContent(lastProject, project))) {
    lastProject = project;
    return lastIndex;
  }
  const all = validateProject(project);
  const byNode = new Map<string, Problem[]>();
  const counts = new Map<string, { errors: number; warnings: number }>();
  let errors = 0;
  for (const problem of all) {
    const isError = problem.severity === 'error';
    if (isError) errors++;
    if (problem.nodeId === null) continue;
    const list = byNode.get(problem.nodeId);
    if (list) list.push(problem);
    else byNode.set(problem.nodeId, [problem]);
    const count = counts.get(problem.nodeId) ?? { errors: 0, warnings: 0 };
    if (isError) count.errors++;
    else count.warnings++;
    counts.set(problem.nodeId, count);
  }
  lastProject = project;
  lastIndex = { all, byNode, counts, errors, warnings: all.length - errors };
  return lastIndex;
}

export const selectProblems = (s: ProjectState) => problemIndex(s.project);
export const selectNodeProblems = (nodeId: string) => (s: ProjectState) => problemIndex(s.project).byNode.get(nodeId) ?? EMPTY;
