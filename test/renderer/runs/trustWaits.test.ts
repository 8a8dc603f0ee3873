import { describe, expect, it } from 'vitest';
import type { GraphNode } from '../../../shared/graph/project.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { needsTrust, trustWaits } from '../../../renderer/runs/trustWaits.ts';

const sample = sampleProject();
const fn = sample.nodes.find((n) => n.kind === 'function')!;
const withData = (node: GraphNode, patch: Record<string, unknown>) => ({ ...node, data: { ...node.data, ...patch } }) as GraphNode;

describe('which nodes wait for trust', () => {
  it('names handlers waiting for review in a trusted project, and all of them in an untrusted one', () => {
    expect(trustWaits(sample.nodes, [], false).size).toBe(0);
    expect([...trustWaits(sample.nodes, [fn.id], false)]).toEqual([[fn.id, 'review']]);
    expect([...trustWaits(sample.nodes, [], true)]).toEqual([[fn.id, 'trust']]);
    expect(needsTrust(sample.nodes)).toBe(true);
  });

  it('leaves out a function whose handler does not run, and knowledge that stays in the folder', () => {
    const mocked = sample.nodes.map((n) => (n.id === fn.id ? withData(n, { mode: 'mock' }) : n));
    expect(trustWaits(mocked, [fn.id], true).size).toBe(0);
    expect(needsTrust(mocked)).toBe(false);
    const knowledge = sample.nodes.find((n) => n.kind === 'knowledge')!;
    const outside = mocked.map((n) => (n.id === knowledge.id ? withData(n, { paths: ['../elsewhere'] }) : n));
    expect([...trustWaits(outside, [], true)]).toEqual([[knowledge.id, 'trust']]);
  });
});
