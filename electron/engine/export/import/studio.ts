import { z } from 'zod';
import { newEdgeId, newNodeId, type NodeId } from '../../../../shared/ids.ts';
import { checkConnection } from '../../../../shared/graph/connect.ts';
import { edgeSchema, rawNodeSchema, type GraphEdge, type GraphNode } from '../../../../shared/graph/project.ts';
import { migrateNodeData } from '../../../../shared/graph/projectFile.ts';
import { kindOf } from '../../../../shared/kinds/index.ts';
import { DEFINITION_FORMAT, DEFINITION_VERSION } from '../definition.ts';
import type { Imported } from './types.ts';

const definitionSchema = z.strictObject({
  format: z.literal(DEFINITION_FORMAT),
  version: z.number().int().positive(),
  name: z.string(),
  nodes: z.array(rawNodeSchema),
  edges: z.array(edgeSchema.omit({ id: true })),
});

const issueText = (issue: z.core.$ZodIssue): string => `${issue.path.join('.') || '(top level)'}: ${issue.message}`;

/** Knowledge paths are relative to the project file the definition came from, which may not be this one's. */
function knowledgeNotes(nodes: GraphNode[]): string[] {
  const paths = nodes.flatMap((n) => (n.kind === 'knowledge' ? n.data.paths : []));
  if (paths.length === 0) return [];
  return [`Knowledge paths are relative to the project file; check that ${paths.map((p) => `"${p}"`).join(', ')} exist next to this project.`];
}

/** Reads our JSON definition; every node must be valid, or nothing is imported. */
export function importStudioDefinition(json: Record<string, unknown>, origin: { x: number; y: number }): Imported | { problem: string; details: string[] } {
  if (typeof json.version === 'number' && json.version > DEFINITION_VERSION) {
    return { problem: `The definition was written by a newer Assistant Studio (format version ${json.version}).`, details: [] };
  }
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) return { problem: 'The assistant definition has invalid content.', details: parsed.error.issues.slice(0, 20).map(issueText) };
  const def = parsed.data;
  const details: string[] = [];
  const ids = new Map<string, NodeId>();
  const nodes: GraphNode[] = [];
  for (const raw of def.nodes) {
    if (ids.has(raw.id)) details.push(`node "${raw.id}" appears twice`);
    const data = migrateNodeData(raw.kind, raw.version, raw.data);
    if (typeof data === 'string') {
      details.push(`node "${raw.id}": ${data}`);
      continue;
    }
    const checked = kindOf(raw.kind).schema.safeParse(data);
    if (!checked.success) {
      details.push(...checked.error.issues.slice(0, 5).map((i) => `node "${raw.id}" ${issueText(i)}`));
      continue;
    }
    const id = newNodeId();
    ids.set(raw.id, id);
    const position = { x: raw.position.x + origin.x, y: raw.position.y + origin.y };
    nodes.push({ id, kind: raw.kind, version: kindOf(raw.kind).version, position, data: checked.data } as GraphNode);
  }
  const edges: GraphEdge[] = [];
  for (const e of def.edges) {
    const source = ids.get(e.source);
    const target = ids.get(e.target);
    if (!source || !target) {
      details.push(`edge ${e.source} → ${e.target} names a node the definition does not have`);
      continue;
    }
    const wire = { source, sourcePort: e.sourcePort, target, targetPort: e.targetPort };
    const check = checkConnection({ nodes, edges }, wire);
    if (!check.ok) details.push(`edge ${e.source} → ${e.target}: ${check.reason}`);
    else edges.push({ id: newEdgeId(), ...wire });
  }
  const assistants = nodes.filter((n) => n.kind === 'assistant');
  if (assistants.length !== 1) details.push(`a definition holds exactly one assistant, this one ${assistants.length}`);
  if (details.length > 0) return { problem: 'The assistant definition has invalid content.', details: details.slice(0, 20) };
  return {
    nodes,
    edges,
    report: { source: 'studio', assistants: [{ name: def.name, nodeId: assistants[0]!.id }], notes: knowledgeNotes(nodes) },
  };
}
