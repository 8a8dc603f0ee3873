import { describe, expect, it } from 'vitest';
import { copyFragment, pasteFragment } from '../../shared/graph/clipboard.ts';
import { checkConnection } from '../../shared/graph/connect.ts';
import { createNode, uniqueFunctionName } from '../../shared/graph/nodes.ts';
import { sampleProject } from '../../shared/sample.ts';

describe('checkConnection', () => {
  const p = sampleProject();
  const byKind = (k: string) => p.nodes.find((n) => n.kind === k)!;
  const assistant = byKind('assistant');
  const fn = byKind('function');
  const knowledge = byKind('knowledge');
  const ci = byKind('codeInterpreter');

  it('accepts a tool into an assistant and knowledge into the code interpreter', () => {
    const extra = createNode('function', { x: 0, y: 0 });
    const q = { ...p, nodes: [...p.nodes, extra] };
    expect(checkConnection(q, { source: extra.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' })).toEqual({ ok: true });
    expect(checkConnection(p, { source: knowledge.id, sourcePort: 'knowledge', target: ci.id, targetPort: 'files' })).toEqual({ ok: true });
  });

  it('refuses incompatible ports with a reason', () => {
    const r = checkConnection(p, { source: knowledge.id, sourcePort: 'knowledge', target: assistant.id, targetPort: 'tools' });
    expect(r).toEqual({
      ok: false,
      reason: expect.stringMatching(/Knowledge \(Files\) cannot connect to Assistant \(Tools\)\. Function, File Search and Code Interpreter connect/),
    });
  });

  it('refuses self-loops, wrong directions and duplicates', () => {
    expect(checkConnection(p, { source: fn.id, sourcePort: 'tool', target: fn.id, targetPort: 'tool' })).toMatchObject({ ok: false, reason: /itself/ });
    expect(checkConnection(p, { source: assistant.id, sourcePort: 'tools', target: fn.id, targetPort: 'tool' })).toMatchObject({
      ok: false,
      reason: /no output/,
    });
    expect(checkConnection(p, { source: fn.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' })).toMatchObject({
      ok: false,
      reason: /already connected/,
    });
  });
});

describe('clipboard fragments', () => {
  it('copies nodes with their inner edges and pastes them with fresh ids', () => {
    const p = sampleProject();
    const chosen = p.nodes.filter((n) => n.kind === 'knowledge' || n.kind === 'fileSearch' || n.kind === 'note');
    const text = copyFragment(chosen, p.edges);
    const pasted = pasteFragment(text, { x: 40, y: 40 })!;
    expect(pasted.nodes).toHaveLength(3);
    expect(pasted.edges).toHaveLength(1);
    const oldIds = new Set(p.nodes.map((n) => n.id));
    for (const n of pasted.nodes) expect(oldIds.has(n.id)).toBe(false);
    const e = pasted.edges[0]!;
    expect(pasted.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([e.source, e.target]));
    expect(pasted.nodes[0]!.position).toEqual({ x: chosen[0]!.position.x + 40, y: chosen[0]!.position.y + 40 });
    expect(pasted.nodes.map((n) => n.data)).toEqual(chosen.map((n) => n.data));
  });

  it('ignores text that is not a fragment', () => {
    expect(pasteFragment('hello', { x: 0, y: 0 })).toBeNull();
    expect(pasteFragment('{"format":"other"}', { x: 0, y: 0 })).toBeNull();
    const copied = copyFragment([createNode('function', { x: 0, y: 0 }, { name: 'deep' })], []);
    expect(pasteFragment(copied, { x: 0, y: 0 })).not.toBeNull();
    const deep = copied.replace('"parameters":{', `"parameters":{"default":${'['.repeat(5000)}${']'.repeat(5000)},`);
    expect(pasteFragment(deep, { x: 0, y: 0 })).toBeNull();
  });
});

describe('uniqueFunctionName', () => {
  it('numbers names that are taken', () => {
    const p = sampleProject();
    expect(uniqueFunctionName(p, 'search_database')).toBe('search_database_2');
    expect(uniqueFunctionName(p, 'other')).toBe('other');
  });
});
