import { Graph, layout } from '@dagrejs/dagre';
import type { Project } from '../../shared/graph/project.ts';
import type { XY } from './graphEdits.ts';

export type Size = { width: number; height: number };

/** Size used for nodes the canvas has not measured yet. */
export const ESTIMATED_NODE_SIZE: Size = { width: 240, height: 120 };

/**
 * Top-left positions for every node, laid out left to right along the wires: knowledge feeds tools,
 * tools feed assistants, so following the edges gives exactly that reading order.
 */
export function autoLayoutPositions(project: Project, sizeOf: (id: string) => Size | undefined): Map<string, XY> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 100, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of project.nodes) g.setNode(node.id, { ...(sizeOf(node.id) ?? ESTIMATED_NODE_SIZE) });
  for (const edge of project.edges) g.setEdge(edge.source, edge.target);
  layout(g);
  const positions = new Map<string, XY>();
  for (const node of project.nodes) {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number } | undefined;
    if (!placed) continue;
    // dagre gives centres; the canvas positions nodes by their top-left corner.
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}
