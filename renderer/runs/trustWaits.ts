import type { GraphNode } from '../../shared/graph/project.ts';
import { trustedItemOf } from '../../shared/graph/trustedContent.ts';

/** Why a node's code or outside files do not run yet: its content waits for review, or the whole project for trust. */
export type TrustWait = 'review' | 'trust';

/** Per data object, since the canvas asks again after every change and most nodes keep their data. */
const carriesCache = new WeakMap<object, boolean>();

/** Whether a run would use the node's trusted content: a handler only runs in handler mode. */
function usesTrustedContent(node: GraphNode): boolean {
  let carries = carriesCache.get(node.data);
  if (carries === undefined) {
    carries = trustedItemOf(node) !== null && (node.kind !== 'function' || node.data.mode === 'handler');
    carriesCache.set(node.data, carries);
  }
  return carries;
}

/** Whether any of `nodes` has content that waits while the project is not trusted. */
export const needsTrust = (nodes: readonly GraphNode[]): boolean => nodes.some(usesTrustedContent);

const NONE: ReadonlyMap<string, TrustWait> = new Map();

/**
 * The nodes that would not run as drawn: content that arrived by import, paste or a change on disk and
 * waits for review, and, in a project whose file is not trusted, every node whose content needs trust.
 */
export function trustWaits(nodes: readonly GraphNode[], unreviewed: readonly string[], projectUntrusted: boolean): ReadonlyMap<string, TrustWait> {
  if (unreviewed.length === 0 && !projectUntrusted) return NONE;
  const waiting = new Set(unreviewed);
  const waits = new Map<string, TrustWait>();
  for (const node of nodes) {
    if (!usesTrustedContent(node)) continue;
    if (projectUntrusted) waits.set(node.id, 'trust');
    else if (waiting.has(node.id)) waits.set(node.id, 'review');
  }
  return waits.size === 0 ? NONE : waits;
}

export const TRUST_WAIT_TEXT: Record<TrustWait, string> = {
  review: 'Waits for review',
  trust: 'Waits for trust',
};
