import { createNode } from '../../../shared/graph/nodes.ts';
import { emptyProject, type GraphEdge, type GraphNode, type Project } from '../../../shared/graph/project.ts';
import type { EdgeId, NodeId } from '../../../shared/ids.ts';
import type { Layout, LayoutNode } from './layout.ts';

/** Parameter schemas of a few shapes, so function cards show realistic summaries. */
const PARAMETER_SETS: readonly Record<string, unknown>[] = [
  { query: { type: 'string', description: 'Words to look for.' } },
  { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  { orderId: { type: 'string' }, includeItems: { type: 'boolean' } },
  { a: { type: 'number' }, b: { type: 'number' }, op: { type: 'string', enum: ['add', 'sub', 'mul', 'div'] } },
  { email: { type: 'string' }, subject: { type: 'string' }, body: { type: 'string' } },
];

function nodeFor(n: LayoutNode): GraphNode {
  const { role, cluster, index, position } = n;
  switch (role) {
    case 'assistant':
      return createNode('assistant', position, {
        name: `Assistant ${cluster + 1}`,
        instructions: `You help with task ${cluster + 1}. Use the tools when they help and cite the knowledge files.`,
        temperature: 0.2 + (cluster % 5) / 10,
      });
    case 'function': {
      const properties = PARAMETER_SETS[index % PARAMETER_SETS.length]!;
      return createNode('function', position, {
        name: `tool_${cluster + 1}_${index % 10}`,
        description: `Function ${index % 10} of assistant ${cluster + 1}.`,
        parameters: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
        mode: index % 3 === 0 ? 'mock' : 'handler',
      });
    }
    case 'knowledge':
      return createNode('knowledge', position, { title: `Docs ${cluster + 1}`, paths: [`knowledge/set-${cluster + 1}`, 'shared/faq.md'] });
    case 'fileSearch':
      return createNode('fileSearch', position, { maxResults: 10 + (cluster % 20) });
    case 'codeInterpreter':
      return createNode('codeInterpreter', position);
    case 'note':
      return createNode('note', position, { text: `Cluster ${cluster + 1}\nKnowledge feeds both tools; every tool is wired into the assistant.` });
  }
}

/** A project with real node kinds and valid wires, one node per layout slot. */
export function studioProject(layout: Layout): Project {
  const nodes = layout.nodes.map(nodeFor);
  const edges = layout.wires.map(
    (w, i): GraphEdge => ({
      id: `e_bench_${i}` as EdgeId,
      source: nodes[w.source]!.id as NodeId,
      sourcePort: w.sourcePort,
      target: nodes[w.target]!.id as NodeId,
      targetPort: w.targetPort,
    }),
  );
  return { ...emptyProject(`Canvas benchmark (${nodes.length} nodes)`), nodes, edges };
}
