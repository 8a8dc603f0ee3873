import { beforeEach, describe, expect, it } from 'vitest';
import { copyFragment } from '../../../shared/graph/clipboard.ts';
import { emptyProject } from '../../../shared/graph/project.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { ESTIMATED_NODE_SIZE } from '../../../renderer/stores/autoLayout.ts';
import { useProjectStore } from '../../../renderer/stores/projectStore.ts';

const store = () => useProjectStore.getState();
const nodeOf = (id: string) => store().project.nodes.find((n) => n.id === id);

beforeEach(() => {
  store().loadDocument(emptyProject('Test'), null);
});

describe('project store', () => {
  it('adds a node, selects it, and undo/redo removes and restores it', () => {
    const id = store().addNode('assistant', { x: 10, y: 20 });
    expect(store().selection.nodeIds).toEqual([id]);
    expect(store().dirty).toBe(true);
    store().undo();
    expect(store().project.nodes).toHaveLength(0);
    expect(store().selection.nodeIds).toEqual([]);
    expect(store().dirty).toBe(false);
    store().redo();
    expect(nodeOf(id)?.position).toEqual({ x: 10, y: 20 });
  });

  it('records one undo step per drag', () => {
    const id = store().addNode('note', { x: 0, y: 0 });
    for (let i = 1; i <= 10; i++) store().moveNodes(new Map([[id, { x: i * 5, y: i }]]), 1);
    expect(nodeOf(id)?.position).toEqual({ x: 50, y: 10 });
    store().undo();
    expect(nodeOf(id)?.position).toEqual({ x: 0, y: 0 });
    store().redo();
    store().moveNodes(new Map([[id, { x: 99, y: 99 }]]), 2);
    store().undo();
    expect(nodeOf(id)?.position).toEqual({ x: 50, y: 10 });
  });

  it('coalesces typing in one field and separates different fields', () => {
    const id = store().addNode('assistant', { x: 0, y: 0 });
    for (const name of ['R', 'Re', 'Res']) store().updateNodeData(id, { name }, { coalesceKey: `${id}:name` });
    store().updateNodeData(id, { model: 'gpt-4.1' }, { coalesceKey: `${id}:model` });
    store().undo();
    expect(nodeOf(id)?.data).toMatchObject({ name: 'Res', model: '' });
    store().undo();
    expect(nodeOf(id)?.data).toMatchObject({ name: 'Assistant' });
    store().undo();
    expect(store().project.nodes).toHaveLength(0);
  });

  it('connects compatible ports and refuses an invalid wire with a reason', () => {
    const assistant = store().addNode('assistant', { x: 400, y: 0 });
    const fn = store().addNode('function', { x: 0, y: 0 });
    const knowledge = store().addNode('knowledge', { x: 0, y: 200 });
    const refused = store().connect({ source: knowledge, sourcePort: 'knowledge', target: assistant, targetPort: 'tools' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toMatch(/cannot connect/);
    expect(store().project.edges).toHaveLength(0);

    expect(store().connect({ source: fn, sourcePort: 'tool', target: assistant, targetPort: 'tools' })).toEqual({ ok: true });
    expect(store().project.edges).toHaveLength(1);
    const again = store().connect({ source: fn, sourcePort: 'tool', target: assistant, targetPort: 'tools' });
    expect(again.ok).toBe(false);
    store().undo();
    expect(store().project.edges).toHaveLength(0);
  });

  it('deleting a node removes its wires, and undo brings both back', () => {
    store().loadDocument(sampleProject(), '/tmp/sample.assistant.json');
    const assistant = store().project.nodes.find((n) => n.kind === 'assistant')!;
    const before = store().project;
    const attached = before.edges.filter((e) => e.source === assistant.id || e.target === assistant.id).length;
    expect(attached).toBeGreaterThan(0);
    store().setSelection({ nodeIds: [assistant.id], edgeIds: [] });
    store().deleteSelection();
    expect(store().project.nodes.some((n) => n.id === assistant.id)).toBe(false);
    expect(store().project.edges.length).toBe(before.edges.length - attached);
    expect(store().project.edges.every((e) => e.source !== assistant.id && e.target !== assistant.id)).toBe(true);
    store().undo();
    expect(store().project).toBe(before);
    expect(store().dirty).toBe(false);
  });

  it('pastes a fragment with fresh ids, keeps the wires inside it, and offsets repeated pastes', () => {
    store().loadDocument(sampleProject(), null);
    const { project } = store();
    const fn = project.nodes.find((n) => n.kind === 'function')!;
    const assistant = project.nodes.find((n) => n.kind === 'assistant')!;
    const knowledge = project.nodes.find((n) => n.kind === 'knowledge')!;
    const text = copyFragment([fn, assistant], project.edges);

    expect(store().paste(text)).toBe(true);
    const pasted = store().project.nodes.slice(project.nodes.length);
    expect(pasted).toHaveLength(2);
    const oldIds = new Set(project.nodes.map((n) => n.id));
    expect(pasted.every((n) => !oldIds.has(n.id))).toBe(true);
    expect(store().selection.nodeIds).toEqual(pasted.map((n) => n.id));

    const newEdges = store().project.edges.slice(project.edges.length);
    expect(newEdges).toHaveLength(1);
    const pastedIds = new Set(pasted.map((n) => n.id));
    expect(pastedIds.has(newEdges[0]!.source) && pastedIds.has(newEdges[0]!.target)).toBe(true);
    expect(newEdges.some((e) => e.source === knowledge.id)).toBe(false);

    const pastedFn = pasted.find((n) => n.kind === 'function')!;
    expect(pastedFn.data).toMatchObject({ name: 'search_database_2' });
    // Shifted diagonally in whole steps into free space: no pasted node covers one that was there.
    const shift = pastedFn.position.x - fn.position.x;
    expect(pastedFn.position.y - fn.position.y).toBe(shift);
    expect(shift % 32).toBe(0);
    const { width, height } = ESTIMATED_NODE_SIZE;
    const covers = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < width && Math.abs(a.y - b.y) < height;
    for (const p of pasted) for (const n of project.nodes) expect(covers(p.position, n.position)).toBe(false);

    store().paste(text);
    const second = store().project.nodes.at(-2)!;
    expect(second.position.x - fn.position.x).toBeGreaterThan(shift);
  });

  it('ignores clipboard text that is not a fragment', () => {
    expect(store().paste('hello')).toBe(false);
    expect(store().history.past).toHaveLength(0);
  });

  it('duplicates the selection next to it', () => {
    const id = store().addNode('codeInterpreter', { x: 100, y: 100 });
    store().duplicateSelection();
    const copy = store().project.nodes[1]!;
    expect(copy.id).not.toBe(id);
    // Down and right of it, by whole steps, until it no longer covers the original.
    const shift = copy.position.x - 100;
    expect(copy.position.y - 100).toBe(shift);
    expect(shift % 32).toBe(0);
    expect(shift).toBeGreaterThanOrEqual(ESTIMATED_NODE_SIZE.height);
    expect(store().selection.nodeIds).toEqual([copy.id]);
  });

  it('auto-layout places knowledge left of tools and tools left of assistants, in one undo step', () => {
    store().loadDocument(sampleProject(), null);
    const before = store().project;
    store().autoLayout(() => undefined);
    const x = (kind: string) => store().project.nodes.find((n) => n.kind === kind)!.position.x;
    expect(x('knowledge')).toBeLessThan(x('fileSearch'));
    expect(x('fileSearch')).toBeLessThan(x('assistant'));
    expect(x('function')).toBeLessThan(x('assistant'));
    store().undo();
    expect(store().project).toBe(before);
  });

  it('project settings edits are undoable and saving marks the project clean', () => {
    store().updateProject({ name: 'Renamed' }, { coalesceKey: 'project:name' });
    store().updateProject({ settings: { model: 'gpt-5' } });
    expect(store().project.settings).toEqual({ provider: 'openai', model: 'gpt-5' });
    store().markSaved('/tmp/x.assistant.json', store().project);
    expect(store().dirty).toBe(false);
    expect(store().path).toBe('/tmp/x.assistant.json');
    store().undo();
    expect(store().dirty).toBe(true);
    expect(store().project.settings.model).toBe('gpt-4.1-mini');
  });

  it('loads a recovered draft as dirty', () => {
    store().loadDocument(sampleProject(), '/tmp/a.assistant.json', { dirty: true });
    expect(store().dirty).toBe(true);
    expect(store().history.past).toHaveLength(0);
  });

  it('holds only frozen projects, whatever an edit or a load hands it', () => {
    store().loadDocument({ ...emptyProject('Loaded'), nodes: [] }, null);
    expect(Object.isFrozen(store().project) && Object.isFrozen(store().project.nodes)).toBe(true);
    const id = store().addNode('function', { x: 0, y: 0 });
    store().updateNodeData(id, { parameters: { type: 'object', properties: { q: { type: 'string' } } } });
    const node = nodeOf(id)!;
    expect(Object.isFrozen(store().project.nodes)).toBe(true);
    expect(node.kind === 'function' && Object.isFrozen((node.data.parameters as { properties: { q: object } }).properties.q)).toBe(true);
  });
});
