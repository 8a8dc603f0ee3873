import { checkConnection } from '../../shared/graph/connect.ts';
import { parseProjectFile, serializeProject } from '../../shared/graph/projectFile.ts';
import type { GraphEdge, Project } from '../../shared/graph/project.ts';
import { validateProject } from '../../shared/validation/index.ts';
import { gridLayout } from './pages/layout.ts';
import { studioProject } from './pages/studioProject.ts';

/**
 * Proves, before anything is timed, that the generated graph is one the app itself would accept: every
 * wire passes the canvas's own connection check, the project round-trips through the file format, and
 * validation finds no errors (so no node draws an error badge the bare page has no equivalent of).
 */
export function checkGraph(count: number): Project {
  const project = studioProject(gridLayout(count));
  const edgesSoFar: GraphEdge[] = [];
  for (const edge of project.edges) {
    const verdict = checkConnection({ nodes: project.nodes, edges: edgesSoFar }, edge);
    if (!verdict.ok) throw new Error(`generated wire ${edge.id} is invalid: ${verdict.reason}`);
    edgesSoFar.push(edge);
  }
  const parsed = parseProjectFile(serializeProject(project));
  if (!parsed.ok) throw new Error(`generated project does not load: ${parsed.problem.message}`);
  const errors = validateProject(project).filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`generated project has ${errors.length} validation errors, first: ${errors[0]!.message}`);
  return project;
}
