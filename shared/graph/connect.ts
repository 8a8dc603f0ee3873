import { kindOf, type Port } from '../kinds/index.ts';
import type { GraphNode, Project } from './project.ts';

/** A requested wire between two ports. */
export interface Connection {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

function portsOf(node: GraphNode): Port[] {
  return kindOf(node.kind).ports(node.data);
}

const ACCEPTS: Record<string, string> = {
  tool: 'Function, File Search and Code Interpreter connect into an Assistant’s tools.',
  knowledge: 'Knowledge connects into File Search or Code Interpreter.',
};

/** Whether a wire may be drawn, and if not, a reason a user understands. */
export function checkConnection(project: Pick<Project, 'nodes' | 'edges'>, c: Connection): ConnectCheck {
  const source = project.nodes.find((n) => n.id === c.source);
  const target = project.nodes.find((n) => n.id === c.target);
  if (!source || !target) return { ok: false, reason: 'Both ends must be nodes on the canvas.' };
  if (source.id === target.id) return { ok: false, reason: 'A node cannot be wired to itself.' };
  const out = portsOf(source).find((p) => p.id === c.sourcePort && p.direction === 'out');
  const into = portsOf(target).find((p) => p.id === c.targetPort && p.direction === 'in');
  const sourceTitle = kindOf(source.kind).title;
  const targetTitle = kindOf(target.kind).title;
  if (!out) return { ok: false, reason: `${sourceTitle} has no output “${c.sourcePort}”.` };
  if (!into) return { ok: false, reason: `${targetTitle} has no input “${c.targetPort}”.` };
  if (out.type !== into.type) {
    return { ok: false, reason: `${sourceTitle} (${out.label}) cannot connect to ${targetTitle} (${into.label}). ${ACCEPTS[into.type] ?? ''}`.trim() };
  }
  const duplicate = project.edges.some((e) => e.source === c.source && e.target === c.target && e.sourcePort === c.sourcePort && e.targetPort === c.targetPort);
  if (duplicate) return { ok: false, reason: `${sourceTitle} is already connected to ${targetTitle}.` };
  return { ok: true };
}
