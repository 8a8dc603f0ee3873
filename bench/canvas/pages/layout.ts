/**
 * The benchmark graph's shape, shared by both pages so they draw the same number of nodes at the same
 * positions with the same wires. Pure data with no app imports, so the bare page stays bare.
 */

/** The role of a node in its cluster; the studio page maps each role to a real node kind. */
type Role = 'knowledge' | 'fileSearch' | 'codeInterpreter' | 'function' | 'assistant' | 'note';

/**
 * One cluster is a small, complete assistant: knowledge feeding file search and the code interpreter,
 * five functions and both tools wired into the assistant, and a note. Ten nodes, nine wires.
 */
const CLUSTER: readonly Role[] = [
  'knowledge',
  'fileSearch',
  'codeInterpreter',
  'function',
  'function',
  'function',
  'function',
  'function',
  'assistant',
  'note',
];

/** Wires inside a cluster as [source slot, source port, target slot, target port]. */
const CLUSTER_WIRES: readonly (readonly [number, string, number, string])[] = [
  [0, 'knowledge', 1, 'knowledge'],
  [0, 'knowledge', 2, 'files'],
  [1, 'tool', 8, 'tools'],
  [2, 'tool', 8, 'tools'],
  [3, 'tool', 8, 'tools'],
  [4, 'tool', 8, 'tools'],
  [5, 'tool', 8, 'tools'],
  [6, 'tool', 8, 'tools'],
  [7, 'tool', 8, 'tools'],
];

/** Columns of the grid; a multiple of the cluster size, so a cluster never wraps onto two rows. */
const COLUMNS = 40;
/** Grid pitch in flow units: wide enough that the studio's cards do not overlap. */
const PITCH = { x: 300, y: 240 } as const;

export interface LayoutNode {
  index: number;
  role: Role;
  /** Index of the node within its cluster (0-based), used to make names unique and readable. */
  cluster: number;
  position: { x: number; y: number };
}

interface LayoutWire {
  source: number;
  sourcePort: string;
  target: number;
  targetPort: string;
}

export interface Layout {
  nodes: LayoutNode[];
  wires: LayoutWire[];
}

/** A grid of `count` nodes (a multiple of ten) in complete clusters. */
export function gridLayout(count: number): Layout {
  if (!Number.isInteger(count) || count <= 0 || count % CLUSTER.length !== 0) {
    throw new Error(`node count must be a positive multiple of ${CLUSTER.length}, got ${count}`);
  }
  const nodes: LayoutNode[] = [];
  const wires: LayoutWire[] = [];
  for (let index = 0; index < count; index++) {
    nodes.push({
      index,
      role: CLUSTER[index % CLUSTER.length]!,
      cluster: Math.floor(index / CLUSTER.length),
      position: { x: (index % COLUMNS) * PITCH.x, y: Math.floor(index / COLUMNS) * PITCH.y },
    });
  }
  for (let base = 0; base < count; base += CLUSTER.length) {
    for (const [from, sourcePort, to, targetPort] of CLUSTER_WIRES) {
      wires.push({ source: base + from, sourcePort, target: base + to, targetPort });
    }
  }
  return { nodes, wires };
}

/** The node count a page was asked for (`?n=1000`). */
export function requestedCount(search: string): number {
  const n = Number(new URLSearchParams(search).get('n'));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`missing or invalid ?n= in "${search}"`);
  return n;
}
