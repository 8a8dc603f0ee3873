// Our JSON assistant definition: the assistant node with its tools and their knowledge, portable
// between projects. Documented in README.md next to this file.
import { toolsOf } from '../../../shared/graph/nodes.ts';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import type { ExportedFile } from './types.ts';

/** Marker that tells an assistant definition apart from any other JSON file. */
export const DEFINITION_FORMAT = 'assistant-studio/assistant';
/** Version of the definition format; the importer reads this version. */
export const DEFINITION_VERSION = 1;

/** The nodes a definition carries, in order: the assistant, its tools, their knowledge. */
function involvedNodes(project: Project, assistant: GraphNode): GraphNode[] {
  const tools = toolsOf(project, assistant.id);
  const toolIds = new Set(tools.map((t) => t.id));
  const knowledgeIds = new Set(project.edges.filter((e) => toolIds.has(e.target)).map((e) => e.source));
  const knowledge = project.nodes.filter((n) => n.kind === 'knowledge' && knowledgeIds.has(n.id));
  return [assistant, ...tools, ...knowledge];
}

/**
 * The definition of one assistant. Node ids become short local names (`assistant`, `function_1`, …)
 * and positions become relative to the assistant, so the file does not depend on the project.
 */
export function definitionFile(project: Project, assistant: GraphNode<'assistant'>): ExportedFile {
  const nodes = involvedNodes(project, assistant);
  const local = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const node of nodes) {
    const n = (counts.get(node.kind) ?? 0) + 1;
    counts.set(node.kind, n);
    local.set(node.id, node.kind === 'assistant' ? 'assistant' : `${node.kind}_${n}`);
  }
  const origin = assistant.position;
  const definition = {
    format: DEFINITION_FORMAT,
    version: DEFINITION_VERSION,
    name: assistant.data.name,
    nodes: nodes.map((n) => ({
      id: local.get(n.id),
      kind: n.kind,
      version: n.version,
      position: { x: n.position.x - origin.x, y: n.position.y - origin.y },
      data: n.data,
    })),
    edges: project.edges
      .filter((e) => local.has(e.source) && local.has(e.target))
      .map((e) => ({ source: local.get(e.source), sourcePort: e.sourcePort, target: local.get(e.target), targetPort: e.targetPort })),
  };
  return { path: 'assistant.json', content: `${JSON.stringify(definition, null, 2)}\n` };
}
