import { newNodeId } from '../ids.ts';
import { KINDS, type KindDataMap, type NodeKind } from '../kinds/index.ts';
import { freezeNode } from './freeze.ts';
import type { NodeId } from '../ids.ts';
import type { GraphEdge, GraphNode, Project } from './project.ts';

/** A new node of the given kind with the kind's defaults. */
/** An edge from one node's output port to another's input port. */
export const createEdge = (id: string, source: NodeId, sourcePort: string, target: NodeId, targetPort: string): GraphEdge =>
  ({ id, source, sourcePort, target, targetPort }) as GraphEdge;

export function createNode<K extends NodeKind>(kind: K, position: { x: number; y: number }, data?: Partial<KindDataMap[K]>): GraphNode<K> {
  const def = KINDS[kind];
  return freezeNode({
    id: newNodeId(),
    kind,
    version: def.version,
    position,
    data: { ...def.defaults(), ...data },
  } as GraphNode<K>);
}

/** Nodes wired into an assistant's tools input. */
export function toolsOf(project: Pick<Project, 'nodes' | 'edges'>, assistantId: string): GraphNode[] {
  const ids = new Set(project.edges.filter((e) => e.target === assistantId && e.targetPort === 'tools').map((e) => e.source));
  return project.nodes.filter((n) => ids.has(n.id));
}

/** A function name not yet used by any Function node of the project. */
export function uniqueFunctionName(project: Pick<Project, 'nodes'>, base = 'my_function'): string {
  const used = new Set(project.nodes.flatMap((n) => (n.kind === 'function' ? [n.data.name] : [])));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}
