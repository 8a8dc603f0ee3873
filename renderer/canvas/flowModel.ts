import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode } from '../../shared/graph/project.ts';
import { kindOf, type NodeKind } from '../../shared/kinds/index.ts';
import type { TrustWait } from '../runs/trustWaits.ts';

/**
 * What a node draws: its kind, data, problem counts and whether it waits for trust, without its position, so moving a node does
 * not re-render it. Counts travel here rather than through a store subscription per node, which
 * would cost thousands of selector calls on every change of a large graph.
 */
type StudioNodeData = { kind: NodeKind; data: Readonly<Record<string, unknown>>; errors: number; warnings: number; wait: TrustWait | null };
export type ProblemCounts = ReadonlyMap<string, { errors: number; warnings: number }>;
export type StudioFlowNode = Node<StudioNodeData, 'studio'>;
export type Size = { width: number; height: number };

export const nodeAriaLabel = (node: GraphNode): string => {
  const def = kindOf(node.kind);
  return `${def.title} node ${def.label(node.data)}`;
};

/** Node labels by data object: moving nodes keeps their data, so a drag computes no label twice. */
const labelCache = new WeakMap<object, string>();
function labelOf(node: GraphNode): string {
  let label = labelCache.get(node.data);
  if (label === undefined) {
    label = kindOf(node.kind).label(node.data);
    labelCache.set(node.data, label);
  }
  return label;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface NodeEntry {
  node: GraphNode;
  selected: boolean;
  size: Size | undefined;
  errors: number;
  warnings: number;
  wait: TrustWait | null;
  flow: StudioFlowNode;
}

const NO_PROBLEMS = { errors: 0, warnings: 0 };
const NO_WAITS: ReadonlyMap<string, TrustWait> = new Map();
const NO_WIRES: ReadonlySet<string> = new Set();

interface EdgeEntry {
  edge: GraphEdge;
  selected: boolean;
  label: string;
  atWork: boolean;
  flow: Edge;
}

/**
 * Turns project nodes and edges into React Flow elements, reusing the previous element whenever its
 * inputs are unchanged. React Flow skips unchanged elements by identity, so a change to one node
 * re-renders one node, not the whole canvas.
 */
export class FlowCache {
  private nodes = new Map<string, NodeEntry>();
  private edges = new Map<string, EdgeEntry>();
  private lastNodes: StudioFlowNode[] = [];
  private lastEdges: Edge[] = [];

  flowNodes(
    nodes: readonly GraphNode[],
    selected: ReadonlySet<string>,
    sizes: ReadonlyMap<string, Size>,
    counts: ProblemCounts,
    waits: ReadonlyMap<string, TrustWait> = NO_WAITS,
  ): StudioFlowNode[] {
    const next = new Map<string, NodeEntry>();
    const out = nodes.map((node) => {
      const isSelected = selected.has(node.id);
      const size = sizes.get(node.id);
      const { errors, warnings } = counts.get(node.id) ?? NO_PROBLEMS;
      const wait = waits.get(node.id) ?? null;
      const entry = this.nodes.get(node.id);
      const sameDrawing =
        entry !== undefined &&
        entry.node.data === node.data &&
        entry.node.kind === node.kind &&
        entry.errors === errors &&
        entry.warnings === warnings &&
        entry.wait === wait;
      if (entry && sameDrawing && entry.node === node && entry.selected === isSelected && entry.size === size) {
        next.set(node.id, entry);
        return entry.flow;
      }
      const flow: StudioFlowNode = {
        id: node.id,
        type: 'studio',
        position: node.position,
        data: entry && sameDrawing ? entry.flow.data : { kind: node.kind, data: node.data, errors, warnings, wait },
        selected: isSelected,
        ariaLabel: nodeAriaLabel(node),
        ...(size ? { measured: size } : {}),
      };
      next.set(node.id, { node, selected: isSelected, size, errors, warnings, wait, flow });
      return flow;
    });
    this.nodes = next;
    // An unchanged list keeps its identity, so React Flow skips its store update entirely.
    this.lastNodes = sameItems(out, this.lastNodes) ? this.lastNodes : out;
    return this.lastNodes;
  }

  /** `working`: wires at work now, as `source>target` node id pairs (they animate). */
  flowEdges(edges: readonly GraphEdge[], nodes: readonly GraphNode[], selected: ReadonlySet<string>, working: ReadonlySet<string> = NO_WIRES): Edge[] {
    const labels = new Map<string, string>();
    for (const node of nodes) labels.set(node.id, labelOf(node));
    const next = new Map<string, EdgeEntry>();
    const out = edges.map((edge) => {
      const isSelected = selected.has(edge.id);
      const label = `Wire from ${labels.get(edge.source) ?? edge.source} to ${labels.get(edge.target) ?? edge.target}`;
      const atWork = working.has(`${edge.source}>${edge.target}`);
      const entry = this.edges.get(edge.id);
      if (entry && entry.edge === edge && entry.selected === isSelected && entry.label === label && entry.atWork === atWork) {
        next.set(edge.id, entry);
        return entry.flow;
      }
      const flow: Edge = {
        id: edge.id,
        source: edge.source,
        sourceHandle: edge.sourcePort,
        target: edge.target,
        targetHandle: edge.targetPort,
        selected: isSelected,
        ariaLabel: label,
        // Above the nodes, so a wire that passes behind a node is still seen (and picked) whole.
        zIndex: 1,
        ...(atWork ? { animated: true, className: 'is-at-work' } : {}),
      };
      next.set(edge.id, { edge, selected: isSelected, label, atWork, flow });
      return flow;
    });
    this.edges = next;
    this.lastEdges = sameItems(out, this.lastEdges) ? this.lastEdges : out;
    return this.lastEdges;
  }
}
