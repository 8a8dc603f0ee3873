import type { GraphNode } from '../../shared/graph/project.ts';
import { ESTIMATED_NODE_SIZE, type Size } from '../stores/autoLayout.ts';

type XY = { x: number; y: number };

const GAP = 24;
const STEP = 48;
const MAX_RINGS = 12;

const overlaps = (a: XY, size: Size, node: GraphNode, other: Size) =>
  a.x < node.position.x + other.width + GAP &&
  node.position.x < a.x + size.width + GAP &&
  a.y < node.position.y + other.height + GAP &&
  node.position.y < a.y + size.height + GAP;

/**
 * The free spot nearest to `wanted` for a new node, searched ring by ring around it, so a node added
 * from the palette never lands on top of another one. Falls back to `wanted` in a crowded view.
 */
export function freeSpot(wanted: XY, nodes: readonly GraphNode[], sizeOf: (id: string) => Size | undefined): XY {
  const size = ESTIMATED_NODE_SIZE;
  const near = nodes.filter((n) => Math.abs(n.position.x - wanted.x) < STEP * MAX_RINGS + 600 && Math.abs(n.position.y - wanted.y) < STEP * MAX_RINGS + 600);
  const isFree = (p: XY) => near.every((n) => !overlaps(p, size, n, sizeOf(n.id) ?? ESTIMATED_NODE_SIZE));
  if (isFree(wanted)) return wanted;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    let best: XY | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const p = { x: wanted.x + dx * STEP, y: wanted.y + dy * STEP };
        const distance = dx * dx + dy * dy;
        if (distance < bestDistance && isFree(p)) {
          best = p;
          bestDistance = distance;
        }
      }
    }
    if (best) return best;
  }
  return wanted;
}
