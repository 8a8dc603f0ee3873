import { describe, expect, it } from 'vitest';
import { createNode } from '../../../shared/graph/nodes.ts';
import { emptyProject, type Project } from '../../../shared/graph/project.ts';
import { importOrigin, insertImported, moveGraphTo, type ImportedGraph } from '../../../renderer/exports/importGraph.ts';

const withNodes = (...positions: { x: number; y: number }[]): Project => ({
  ...emptyProject(),
  nodes: positions.map((p) => createNode('note', p)),
});

const imported = (): ImportedGraph => {
  const assistant = createNode('assistant', { x: 500, y: 40 });
  const fn = createNode('function', { x: 200, y: 40 }, { name: 'get_weather' });
  return {
    nodes: [assistant, fn].map((n) => ({ ...n, data: n.data as unknown as Record<string, unknown> })),
    edges: [{ id: 'e_imported', source: fn.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' }],
  };
};

describe('importOrigin', () => {
  it('starts at the origin on an empty canvas', () => {
    expect(importOrigin([])).toEqual({ x: 0, y: 0 });
  });

  it('starts right of the rightmost node, level with the topmost one', () => {
    // 600 + the estimated node width (240) + the gap (120).
    expect(importOrigin(withNodes({ x: 0, y: 80 }, { x: 600, y: -20 }).nodes)).toEqual({ x: 960, y: -20 });
  });
});

describe('moveGraphTo', () => {
  it('moves the top-left corner of the graph to the origin and keeps the layout', () => {
    const moved = moveGraphTo(imported().nodes, { x: 1000, y: 300 });
    expect(moved.map((n) => n.position)).toEqual([
      { x: 1300, y: 300 },
      { x: 1000, y: 300 },
    ]);
  });
});

describe('insertImported', () => {
  it('places the graph right of the existing one', () => {
    const result = insertImported(withNodes({ x: 0, y: 50 }), imported());
    if (!result.ok) throw new Error(result.message);
    const added = result.project.nodes.filter((n) => result.nodeIds.includes(n.id));
    expect(Math.min(...added.map((n) => n.position.x))).toBe(360);
    expect(Math.min(...added.map((n) => n.position.y))).toBe(50);
  });

  it('adds the nodes and wires in one new project and reports their ids', () => {
    const project = withNodes({ x: 0, y: 0 });
    const graph = imported();
    const result = insertImported(project, graph);
    if (!result.ok) throw new Error(result.message);
    expect(result.project.nodes).toHaveLength(3);
    expect(result.project.edges.map((e) => e.id)).toEqual(['e_imported']);
    expect(result.nodeIds).toEqual(graph.nodes.map((n) => n.id));
    expect(project.nodes).toHaveLength(1);
  });

  it('renames an imported function whose name the project already uses', () => {
    const project: Project = { ...emptyProject(), nodes: [createNode('function', { x: 0, y: 0 }, { name: 'get_weather' })] };
    const result = insertImported(project, imported());
    if (!result.ok) throw new Error(result.message);
    const names = result.project.nodes.flatMap((n) => (n.kind === 'function' ? [n.data.name] : []));
    expect(names).toEqual(['get_weather', 'get_weather_2']);
  });

  it('refuses data its kind cannot read, and changes nothing', () => {
    const graph = imported();
    const bad: ImportedGraph = { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, data: { ...n.data, name: 42 } } : n)) };
    const result = insertImported(emptyProject(), bad);
    expect(result.ok).toBe(false);
  });

  it('refuses ids the project already has and wires to missing nodes', () => {
    const graph = imported();
    const project: Project = { ...emptyProject(), nodes: [graph.nodes[0] as unknown as Project['nodes'][number]] };
    expect(insertImported(project, graph)).toMatchObject({ ok: false, message: expect.stringContaining('reuses the id') });
    const dangling: ImportedGraph = { nodes: graph.nodes.slice(0, 1), edges: graph.edges };
    expect(insertImported(emptyProject(), dangling)).toMatchObject({ ok: false, message: expect.stringContaining('wire') });
  });
});
