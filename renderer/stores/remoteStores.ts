import type { Project } from '../../shared/graph/project.ts';

/**
 * Of the nodes about to be removed from `project`, the File Search nodes whose index lives at OpenAI:
 * each may leave behind a vector store and uploaded files that the app made for it.
 */
export function hostedStoreNodeIds(project: Project, nodeIds: readonly string[]): string[] {
  const removed = new Set(nodeIds);
  return project.nodes.flatMap((node) => (removed.has(node.id) && node.kind === 'fileSearch' && node.data.index === 'openai' ? [node.id] : []));
}
