/**
 * How far a run may go with what a project brings: its handlers' code and the files its Knowledge
 * names. A project the user has not trusted runs no handler and reads Knowledge only inside its own
 * folder; content that arrived by import or paste and has not been reviewed yet is treated the same
 * way, node by node, even in a trusted project.
 */
export interface ContentTrust {
  trusted: boolean;
  /** Nodes whose code or paths the user has not reviewed yet. */
  unreviewed: ReadonlySet<string>;
}

/** Where each Knowledge node's files may be read from: anywhere (undefined), only inside a folder, or nowhere (null). */
export type KnowledgeReach = (knowledgeNodeId: string) => string | null | undefined;

export const FULL_TRUST: ContentTrust = { trusted: true, unreviewed: new Set() };

export function contentTrust(trusted: boolean, unreviewed: readonly string[] = []): ContentTrust {
  return { trusted, unreviewed: new Set(unreviewed) };
}

/** A project's Knowledge reaches anywhere once trusted and reviewed; otherwise only into its folder (none while unsaved). */
export function knowledgeReach(trust: ContentTrust, projectDir: string | null): KnowledgeReach {
  return (nodeId) => (trust.trusted && !trust.unreviewed.has(nodeId) ? undefined : projectDir);
}

/** Whether a Function node's handler may run. */
export const handlerMayRun = (trust: ContentTrust, functionNodeId: string): boolean => trust.trusted && !trust.unreviewed.has(functionNodeId);
