import { describe, expect, it } from 'vitest';
import { sampleProject } from '../../../shared/sample.ts';
import { FlowCache, nodeAriaLabel } from '../../../renderer/canvas/flowModel.ts';
import { moveNodes, patchNodeData } from '../../../renderer/stores/graphEdits.ts';

const NONE = new Map<string, { errors: number; warnings: number }>();

describe('FlowCache', () => {
  it('reuses React Flow elements whose inputs did not change', () => {
    const project = sampleProject();
    const cache = new FlowCache();
    const sizes = new Map<string, { width: number; height: number }>();
    const first = cache.flowNodes(project.nodes, new Set(), sizes, NONE);
    const moved = project.nodes[0]!;
    const next = moveNodes(project, new Map([[moved.id, { x: 999, y: 1 }]]));
    const second = cache.flowNodes(next.nodes, new Set(), sizes, NONE);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]!.position).toEqual({ x: 999, y: 1 });
    // Moving keeps the drawn data, so the node body does not re-render.
    expect(second[0]!.data).toBe(first[0]!.data);
    for (let i = 1; i < first.length; i++) expect(second[i]).toBe(first[i]);
  });

  it('makes new elements for selection, size and data changes only', () => {
    const project = sampleProject();
    const cache = new FlowCache();
    const sizes = new Map<string, { width: number; height: number }>();
    const first = cache.flowNodes(project.nodes, new Set(), sizes, NONE);
    const target = project.nodes[1]!;
    const selected = cache.flowNodes(project.nodes, new Set([target.id]), sizes, NONE);
    expect(selected[1]!.selected).toBe(true);
    expect(selected[0]).toBe(first[0]);
    sizes.set(target.id, { width: 240, height: 100 });
    const measured = cache.flowNodes(project.nodes, new Set([target.id]), sizes, NONE);
    expect(measured[1]!.measured).toEqual({ width: 240, height: 100 });
    const edited = patchNodeData(project, target.id, { maxResults: 5 });
    const third = cache.flowNodes(edited.nodes, new Set([target.id]), sizes, NONE);
    expect(third[1]!.data).not.toBe(measured[1]!.data);
  });

  it('redraws only the node whose problem counts changed', () => {
    const project = sampleProject();
    const cache = new FlowCache();
    const first = cache.flowNodes(project.nodes, new Set(), new Map(), NONE);
    const target = project.nodes[2]!;
    const second = cache.flowNodes(project.nodes, new Set(), new Map(), new Map([[target.id, { errors: 2, warnings: 1 }]]));
    expect(second[2]!.data).toMatchObject({ errors: 2, warnings: 1 });
    expect(second.filter((n, i) => n !== first[i])).toHaveLength(1);
  });

  it('labels nodes and wires for assistive technology', () => {
    const project = sampleProject();
    const assistant = project.nodes.find((n) => n.kind === 'assistant')!;
    expect(nodeAriaLabel(assistant)).toBe('Assistant node Research assistant');
    const edges = new FlowCache().flowEdges(project.edges, project.nodes, new Set());
    expect(edges.some((e) => e.ariaLabel === 'Wire from search_database to Research assistant')).toBe(true);
    expect(edges.every((e) => e.sourceHandle && e.targetHandle)).toBe(true);
  });
});

describe('FlowCache lists', () => {
  it('keeps the edge list when a move changes no wire', () => {
    const project = sampleProject();
    const cache = new FlowCache();
    const first = cache.flowEdges(project.edges, project.nodes, new Set());
    const moved = moveNodes(project, new Map([[project.nodes[0]!.id, { x: 7, y: 7 }]]));
    expect(cache.flowEdges(moved.edges, moved.nodes, new Set())).toBe(first);
    const renamed = patchNodeData(moved, project.nodes.find((n) => n.kind === 'function')!.id, { name: 'renamed' });
    expect(cache.flowEdges(renamed.edges, renamed.nodes, new Set())).not.toBe(first);
  });
});
