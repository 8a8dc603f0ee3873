import { describe, expect, it } from 'vitest';
import { sampleProject } from '../../../shared/sample.ts';
import { moveNodes, patchNodeData } from '../../../renderer/stores/graphEdits.ts';
import { problemIndex } from '../../../renderer/stores/problems.ts';

describe('problemIndex', () => {
  it('re-validates when data changes but not when nodes only move', () => {
    const project = sampleProject();
    const first = problemIndex(project);
    const moved = moveNodes(project, new Map([[project.nodes[0]!.id, { x: 5, y: 5 }]]));
    expect(problemIndex(moved)).toBe(first);
    const fn = project.nodes.find((n) => n.kind === 'function')!;
    const broken = patchNodeData(moved, fn.id, { name: 'not a valid name!' });
    const after = problemIndex(broken);
    expect(after).not.toBe(first);
    expect(after.errors).toBeGreaterThan(first.errors);
    expect(after.counts.get(fn.id)?.errors).toBeGreaterThan(0);
    expect(after.byNode.get(fn.id)?.some((p) => p.field === 'name')).toBe(true);
  });
});
