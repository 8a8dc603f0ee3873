import { copyFragment, pasteFragment } from '../../shared/graph/clipboard.ts';
import { checkConnection, type Connection } from '../../shared/graph/connect.ts';
import { uniqueFunctionName } from '../../shared/graph/nodes.ts';
import type { GraphEdge, GraphNode, Project } from '../../shared/graph/project.ts';
import { newEdgeId } from '../../shared/ids.ts';

/** Pure edits of a project; each returns a new project and leaves unchanged nodes as the same objects. */

export type XY = { x: number; y: number };

export function addElements(project: Project, nodes: readonly GraphNode[], edges: readonly GraphEdge[] = []): Project {
  return { ...project, nodes: [...project.nodes, ...nodes], edges: [...project.edges, ...edges] };
}

/** Removes nodes and edges; edges attached to a removed node go with it. */
export function removeElements(project: Project, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): Project {
  if (nodeIds.size === 0 && edgeIds.size === 0) return project;
  return {
    ...project,
    nodes: project.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: project.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  };
}

export type ConnectResult = { ok: true; project: Project; edge: GraphEdge } | { ok: false; reason: string };

/** Adds a wire when `checkConnection` allows it, otherwise says why not. */
export function connectNodes(project: Project, connection: Connection): ConnectResult {
  const check = checkConnection(project, connection);
  if (!check.ok) return check;
  const edge = { id: newEdgeId(), ...connection } as GraphEdge;
  return { ok: true, project: { ...project, edges: [...project.edges, edge] }, edge };
}

export function moveNodes(project: Project, positions: ReadonlyMap<string, XY>): Project {
  let changed = false;
  const nodes = project.nodes.map((n) => {
    const to = positions.get(n.id);
    if (!to || (to.x === n.position.x && to.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: to.x, y: to.y } };
  });
  // The end of a drag reports the final position again; that must not become an undo step of its own.
  return changed ? { ...project, nodes } : project;
}

/** Merges a patch into one node's data. The patch is checked by validation, not here, so typing never blocks. */
export function patchNodeData(project: Project, nodeId: string, patch: Readonly<Record<string, unknown>>): Project {
  return {
    ...project,
    nodes: project.nodes.map((n) => (n.id === nodeId ? ({ ...n, data: { ...n.data, ...patch } } as GraphNode) : n)),
  };
}

/**
 * Inserts a clipboard fragment with fresh ids. Pasted functions get unused names, because two
 * functions with one name could not both be offered to the model.
 */
export function pasteInto(project: Project, text: string, offset: XY): { project: Project; nodes: GraphNode[]; edges: GraphEdge[] } | null {
  const fragment = pasteFragment(text, offset);
  if (!fragment || fragment.nodes.length === 0) return null;
  let next = project;
  const nodes: GraphNode[] = [];
  for (const node of fragment.nodes) {
    const renamed: GraphNode = node.kind === 'function' ? { ...node, data: { ...node.data, name: uniqueFunctionName(next, node.data.name) } } : node;
    nodes.push(renamed);
    next = addElements(next, [renamed]);
  }
  next = addElements(next, [], fragment.edges);
  return { project: next, nodes, edges: fragment.edges };
}

/** Copies the given nodes (and the wires between them) next to the originals. */
export function duplicateNodes(project: Project, nodeIds: ReadonlySet<string>, offset: XY) {
  const nodes = project.nodes.filter((n) => nodeIds.has(n.id));
  if (nodes.length === 0) return null;
  return pasteInto(project, copyFragment(nodes, project.edges), offset);
}

/** The clipboard text for the selection, or null when no node is selected. */
export function copySelection(project: Project, nodeIds: ReadonlySet<string>): string | null {
  const nodes = project.nodes.filter((n) => nodeIds.has(n.id));
  return nodes.length === 0 ? null : copyFragment(nodes, project.edges);
}
