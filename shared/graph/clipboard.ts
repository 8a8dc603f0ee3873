import { z } from 'zod';
import { newEdgeId, newNodeId, type NodeId } from '../ids.ts';
import { parseJson } from '../json/bounded.ts';
import { kindOf } from '../kinds/index.ts';
import { edgeSchema, rawNodeSchema, type GraphEdge, type GraphNode } from './project.ts';
import { migrateNodeData } from './projectFile.ts';

/** Marker of graph fragments on the system clipboard, so pasting works between projects and windows. */
const CLIPBOARD_FORMAT = 'assistant-studio/fragment';

const fragmentSchema = z.strictObject({
  format: z.literal(CLIPBOARD_FORMAT),
  nodes: z.array(rawNodeSchema),
  edges: z.array(edgeSchema),
});

/** Serialises the chosen nodes and the edges between them. */
export function copyFragment(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const ids = new Set(nodes.map((n) => n.id));
  const inner = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return JSON.stringify({ format: CLIPBOARD_FORMAT, nodes, edges: inner });
}

/**
 * Reads clipboard text as a graph fragment with fresh ids, shifted by `offset`.
 * Returns null for text that is not a fragment (so ordinary paste can proceed).
 */
export function pasteFragment(text: string, offset: { x: number; y: number }): { nodes: GraphNode[]; edges: GraphEdge[] } | null {
  const read = parseJson(text);
  if (!read.ok) return null;
  const parsed = fragmentSchema.safeParse(read.value);
  if (!parsed.success) return null;
  const idMap = new Map<string, NodeId>();
  const nodes: GraphNode[] = [];
  for (const raw of parsed.data.nodes) {
    const data = migrateNodeData(raw.kind, raw.version, raw.data);
    if (typeof data === 'string') continue;
    const checked = kindOf(raw.kind).schema.safeParse(data);
    if (!checked.success) continue;
    const id = newNodeId();
    idMap.set(raw.id, id);
    nodes.push({
      id,
      kind: raw.kind,
      version: kindOf(raw.kind).version,
      position: { x: raw.position.x + offset.x, y: raw.position.y + offset.y },
      data: checked.data,
    } as GraphNode);
  }
  const edges: GraphEdge[] = [];
  for (const e of parsed.data.edges) {
    const source = idMap.get(e.source);
    const target = idMap.get(e.target);
    if (source && target) edges.push({ id: newEdgeId(), source, sourcePort: e.sourcePort, target, targetPort: e.targetPort });
  }
  return { nodes, edges };
}
