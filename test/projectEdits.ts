import type { NodeKind } from '../shared/kinds/index.ts';
import { createNode } from '../shared/graph/nodes.ts';
import { emptyProject, type GraphEdge, type GraphNode, type Project } from '../shared/graph/project.ts';
import { serializeProject } from '../shared/graph/projectFile.ts';

// Projects are read-only, and frozen in tests: a test that needs a variant of a fixture builds one.

/** The first node of a kind, typed as that kind. */
export function firstOfKind<K extends NodeKind>(project: Pick<Project, 'nodes'>, kind: K): Extract<GraphNode, { kind: K }> {
  const node = project.nodes.find((n): n is Extract<GraphNode, { kind: K }> => n.kind === kind);
  if (!node) throw new Error(`the project has no ${kind} node`);
  return node;
}

/** A copy of the node with some of its data replaced. */
export function withData<N extends GraphNode>(node: N, patch: Partial<N['data']>): N {
  // A spread of a generic value is typed as an intersection, not as N.
  return { ...node, data: { ...node.data, ...patch } } as N;
}

/** A copy of the project with some of one node's data replaced. */
export function withNodeData<N extends GraphNode>(project: Project, node: N, patch: Partial<N['data']>): Project {
  return { ...project, nodes: project.nodes.map((n) => (n.id === node.id ? withData(node, patch) : n)) };
}

/** A copy of the project with nodes and edges added. */
export function withElements(project: Project, nodes: readonly GraphNode[], edges: readonly GraphEdge[] = []): Project {
  return { ...project, nodes: [...project.nodes, ...nodes], edges: [...project.edges, ...edges] };
}

/**
 * A project file that is valid but for one value nested `levels` deep: a Function's parameter schema
 * with a `default` of arrays in arrays (5,000 levels make the 13 KB file of issue 16).
 */
export function deeplyNestedProjectText(levels: number): string {
  const fn = createNode('function', { x: 0, y: 0 }, { name: 'deep' });
  const text = serializeProject({ ...emptyProject('Deep'), nodes: [fn] as GraphNode[] });
  return text.replace('"parameters": {', `"parameters": {"default": ${'['.repeat(levels)}${']'.repeat(levels)},`);
}
