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

/** Horizontal distance from a node to the one wired into its left-hand ports. */
const WIRE_GAP_X = 300;

const TOOL_KINDS = new Set(['function', 'fileSearch', 'codeInterpreter', 'mcp']);

/**
 * Where a node of `kind` most likely gets wired, so it can go beside it: a tool into an Assistant's
 * Tools port (the selected one, else the only one), Knowledge into a File Search or Code Interpreter
 * (the selected one, else the only File Search, else the only Code Interpreter). Null: no such node.
 */
export function wiringPartner(kind: string, nodes: readonly GraphNode[], selected: readonly string[]): GraphNode | null {
  const chosen = selected.length === 1 ? nodes.find((n) => n.id === selected[0]) : undefined;
  const only = (k: string) => {
    const found = nodes.filter((n) => n.kind === k);
    return found.length === 1 ? found[0]! : null;
  };
  if (TOOL_KINDS.has(kind)) return chosen?.kind === 'assistant' ? chosen : only('assistant');
  if (kind === 'knowledge') {
    if (chosen && (chosen.kind === 'fileSearch' || chosen.kind === 'codeInterpreter')) return chosen;
    return only('fileSearch') ?? only('codeInterpreter');
  }
  return null;
}

/** The spot for a new node left of its wiring partner, in free space (the partner's inputs are on its left). */
export function spotBeside(partner: GraphNode, nodes: readonly GraphNode[], sizeOf: (id: string) => Size | undefined): XY {
  return freeSpot({ x: partner.position.x - WIRE_GAP_X, y: partner.position.y }, nodes, sizeOf);
}

/**
 * How far to shift a pasted or duplicated group (starting at `step` times `unit`, diagonally) so that
 * none of its nodes lands on an existing one.
 */
export function clearShift(
  group: readonly GraphNode[],
  existing: readonly GraphNode[],
  sizeOf: (id: string) => Size | undefined,
  unit: number,
  step: number,
): XY {
  const rects = existing.map((n) => ({ node: n, size: sizeOf(n.id) ?? ESTIMATED_NODE_SIZE }));
  for (let k = step; k < step + 40; k++) {
    const shift = { x: unit * k, y: unit * k };
    const clashes = group.some((g) => {
      const at = { x: g.position.x + shift.x, y: g.position.y + shift.y };
      return rects.some(({ node, size }) => overlaps(at, sizeOf(g.id) ?? ESTIMATED_NODE_SIZE, node, size));
    });
    if (!clashes) return shift;
  }
  return { x: unit * step, y: unit * step };
}
