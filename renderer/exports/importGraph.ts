import { uniqueFunctionName } from '../../shared/graph/nodes.ts';
import type { GraphEdge, GraphNode, Project } from '../../shared/graph/project.ts';
import { kindOf, type NodeKind } from '../../shared/kinds/index.ts';
import { ESTIMATED_NODE_SIZE } from '../stores/autoLayout.ts';
import { addElements } from '../stores/graphEdits.ts';

type XY = { x: number; y: number };

/** What `app:import/definition` returns: nodes whose data is not yet checked against their kind. */
export interface ImportedGraph {
  nodes: readonly { id: string; kind: NodeKind; version: number; position: XY; data: Record<string, unknown> }[];
  edges: readonly { id: string; source: string; sourcePort: string; target: string; targetPort: string }[];
}

/** Space left between the existing graph and an imported one. */
const IMPORT_GAP = 120;

/** Where an imported graph starts: right of everything already on the canvas, level with its top. */
export function importOrigin(nodes: readonly Pick<GraphNode, 'position'>[]): XY {
  if (nodes.length === 0) return { x: 0, y: 0 };
  const right = Math.max(...nodes.map((n) => n.position.x)) + ESTIMATED_NODE_SIZE.width + IMPORT_GAP;
  const top = Math.min(...nodes.map((n) => n.position.y));
  return { x: Math.round(right), y: Math.round(top) };
}

/**
 * Moves an imported graph so its top-left corner sits at `origin`. The importer lays out each source
 * its own way (an Assistants object puts its tools left of the assistant, our JSON keeps its
 * positions), so the corner is measured here rather than trusted to the importer.
 */
export function moveGraphTo(nodes: ImportedGraph['nodes'], origin: XY): ImportedGraph['nodes'] {
  if (nodes.length === 0) return nodes;
  const dx = origin.x - Math.min(...nodes.map((n) => n.position.x));
  const dy = origin.y - Math.min(...nodes.map((n) => n.position.y));
  return nodes.map((n) => ({ ...n, position: { x: n.position.x + dx, y: n.position.y + dy } }));
}

export type InsertResult = { ok: true; project: Project; nodeIds: string[] } | { ok: false; message: string };

/**
 * Adds an imported graph to a project in one edit, right of the existing graph. Data is checked against each kind first, so a
 * bad import changes nothing; ids already in use are refused for the same reason; functions whose
 * name is taken get a free one, as pasted functions do.
 */
export function insertImported(project: Project, graph: ImportedGraph): InsertResult {
  const taken = new Set<string>([...project.nodes.map((n) => n.id), ...project.edges.map((e) => e.id)]);
  const clash = [...graph.nodes, ...graph.edges].find((element) => taken.has(element.id));
  if (clash) return { ok: false, message: `The import reuses the id ${clash.id}, which the project already has.` };
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const dangling = graph.edges.find((e) => !nodeIds.has(e.source) || !nodeIds.has(e.target));
  if (dangling) return { ok: false, message: `The import has a wire (${dangling.id}) to a node it does not contain.` };

  let next = project;
  const added: GraphNode[] = [];
  for (const raw of moveGraphTo(graph.nodes, importOrigin(project.nodes))) {
    const def = kindOf(raw.kind);
    const parsed = def.schema.safeParse(raw.data);
    if (!parsed.success) return { ok: false, message: `The imported ${def.title} node ${raw.id} has data this version cannot read.` };
    const data =
      raw.kind === 'function' && typeof parsed.data.name === 'string' ? { ...parsed.data, name: uniqueFunctionName(next, parsed.data.name) } : parsed.data;
    const node = { id: raw.id, kind: raw.kind, version: raw.version, position: raw.position, data } as GraphNode;
    added.push(node);
    next = addElements(next, [node]);
  }
  next = addElements(next, [], graph.edges as readonly GraphEdge[]);
  return { ok: true, project: next, nodeIds: added.map((n) => n.id) };
}
