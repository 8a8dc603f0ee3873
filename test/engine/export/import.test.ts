import { describe, expect, it } from 'vitest';
import { exportAssistant, importDefinition } from '../../../electron/engine/export/index.ts';
import { compile } from '../../../electron/engine/compile/index.ts';
import type { GraphEdge, GraphNode, Project } from '../../../shared/graph/project.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { firstOfKind, withNodeData } from '../../projectEdits.ts';
import { assistantOf, variantProject } from './helpers.ts';

/** The graph without ids: nodes by kind and data, positions relative to the assistant, edges by node index. */
function shape(nodes: readonly GraphNode[], edges: readonly GraphEdge[]) {
  const assistant = nodes.find((n) => n.kind === 'assistant')!;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  return {
    nodes: nodes.map((n) => ({
      kind: n.kind,
      version: n.version,
      data: n.data,
      x: n.position.x - assistant.position.x,
      y: n.position.y - assistant.position.y,
    })),
    edges: edges.map((e) => [index.get(e.source), e.sourcePort, index.get(e.target), e.targetPort]).sort(),
  };
}

function exportJson(project: Project): string {
  const result = exportAssistant(project, assistantOf(project).id, 'json');
  if (!result.ok) throw new Error(result.reason);
  return result.files[0]!.content;
}

describe('JSON round trip', () => {
  it('exports assistants that still have problems, since the definition is the graph itself', () => {
    const sample = sampleProject();
    const fn = firstOfKind(sample, 'function');
    const project = withNodeData(sample, fn, { name: 'not valid!' });
    const result = importDefinition(exportJson(project));
    expect(result.ok && result.nodes.find((n) => n.kind === 'function')?.data).toMatchObject({ name: 'not valid!' });
    expect(exportAssistant(project, fn.id, 'json')).toMatchObject({ ok: false, reason: expect.stringContaining('no assistant') });
  });

  for (const [label, make] of [
    ['the sample', sampleProject],
    ['mocked and "ask me" functions', variantProject],
  ] as const) {
    it(`export → import gives the same graph for ${label}, with fresh ids`, () => {
      const project = make();
      const result = importDefinition(exportJson(project), { origin: { x: 1000, y: 500 } });
      if (!result.ok) throw new Error(result.error.message);

      // A definition holds the assistant, the tools wired into it and their knowledge; nothing else.
      const assistantId = assistantOf(project).id;
      const tools = new Set(project.edges.filter((e) => e.target === assistantId).map((e) => e.source));
      const knowledge = new Set(project.edges.filter((e) => tools.has(e.target)).map((e) => e.source));
      const original = project.nodes.filter((n) => n.id === assistantId || tools.has(n.id) || knowledge.has(n.id));
      // The definition lists the assistant, its tools, then their knowledge.
      const byKind = (nodes: readonly GraphNode[]) => [...nodes].sort((a, b) => a.kind.localeCompare(b.kind) || a.position.y - b.position.y);
      const originalIds = new Set(original.map((n) => n.id));
      const originalEdges = project.edges.filter((e) => originalIds.has(e.source) && originalIds.has(e.target));
      expect(shape(byKind(result.nodes), result.edges)).toEqual(shape(byKind(original), originalEdges));
      expect(result.nodes.some((n) => project.nodes.some((o) => o.id === n.id))).toBe(false);
      expect(assistantOf({ ...project, nodes: result.nodes }).position).toEqual({ x: 1000, y: 500 });
      expect(result.report).toMatchObject({
        source: 'studio',
        assistants: [{ name: assistantOf(project).data.name, nodeId: assistantOf({ ...project, nodes: result.nodes }).id }],
      });
      expect(result.report.notes).toEqual(
        original.some((n) => n.kind === 'knowledge') ? [expect.stringContaining('"knowledge" exist next to this project')] : [],
      );
      const imported: Project = { ...project, nodes: result.nodes, edges: result.edges };
      const again = compile(imported, assistantOf(imported).id);
      const before = compile(project, assistantOf(project).id);
      expect(again.ok && stripIds(again.assistant)).toEqual(before.ok && stripIds(before.assistant));
    });
  }

  it('rejects a definition with an invalid node, naming it, and imports nothing', () => {
    const json = JSON.parse(exportJson(sampleProject())) as { nodes: { id: string; data: Record<string, unknown> }[] };
    json.nodes[1]!.data.maxResults = 'many';
    const result = importDefinition(JSON.stringify(json));
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INVALID_REQUEST', message: 'The assistant definition has invalid content.' } });
    expect(!result.ok && result.error.details?.join('\n')).toContain('node "fileSearch_1"');
  });

  it('rejects definitions from a newer version and edges to unknown nodes', () => {
    const json = JSON.parse(exportJson(sampleProject())) as { version: number; edges: { source: string }[] };
    expect(importDefinition(JSON.stringify({ ...json, version: 99 }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('newer') } });
    json.edges[0]!.source = 'ghost';
    const result = importDefinition(JSON.stringify(json));
    expect(!result.ok && result.error.details).toEqual([expect.stringContaining('ghost')]);
  });
});

/** Compiled configs carry node ids; compare them without. */
function stripIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripIds);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'nodeId' && k !== 'id')
      .map(([k, v]) => [k, stripIds(v)]),
  );
}
