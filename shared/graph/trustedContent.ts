import type { GraphNode, Project } from './project.ts';

/**
 * The parts of a project that reach beyond the canvas when it runs, and so need the user's trust: the
 * code of Function handlers (with whether they may reach the network) and Knowledge paths that lead outside the project's folder (MCP server
 * commands join them with the MCP tools). Trust is given to this content, not to a file's path: content
 * that changes outside the app, or arrives by import or paste, is reviewed before it runs.
 */
export interface TrustedItem {
  /** Stable within a project: the kind and the node. */
  key: string;
  nodeId: string;
  kind: 'handler' | 'knowledge';
  /** What the user recognises the node by (the function's name, the Knowledge node's title). */
  label: string;
  /** The content itself: a handler's source, or the outside paths one per line. */
  text: string;
}

/** The first line of a handler's trusted text when its Function may reach the network. */
const NETWORK_ON = '// Network (ctx.fetch): on\n\n';

/** Whether a Knowledge path (relative to the project folder, or absolute) can lead outside that folder. */
export function leadsOutside(entry: string): boolean {
  const trimmed = entry.trim().replaceAll('\\', '/');
  if (trimmed.startsWith('/') || trimmed.startsWith('~') || /^[A-Za-z]:\//.test(trimmed)) return true;
  return trimmed.split('/').includes('..');
}

/** The trusted content of one node, or null when it carries none. */
export function trustedItemOf(node: GraphNode): TrustedItem | null {
  if (node.kind === 'function' && node.data.handler.trim() !== '') {
    // Network access is part of what the code may do, so switching it on outside the app asks again.
    const text = node.data.network ? `${NETWORK_ON}${node.data.handler}` : node.data.handler;
    return { key: `handler:${node.id}`, nodeId: node.id, kind: 'handler', label: node.data.name || node.id, text };
  }
  if (node.kind === 'knowledge') {
    const outside = node.data.paths.filter(leadsOutside);
    if (outside.length > 0)
      return { key: `knowledge:${node.id}`, nodeId: node.id, kind: 'knowledge', label: node.data.title || node.id, text: outside.join('\n') };
  }
  return null;
}

export function trustedItems(project: Project): TrustedItem[] {
  return project.nodes.map(trustedItemOf).filter((item): item is TrustedItem => item !== null);
}
