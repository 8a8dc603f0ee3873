import { describe, expect, it } from 'vitest';
import { createNode } from '../../../shared/graph/nodes.ts';
import type { GraphEdge, Project } from '../../../shared/graph/project.ts';
import { NODE_KINDS } from '../../../shared/kinds/index.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { COMPILE_STEPS, compile } from '../../../electron/engine/compile/index.ts';
import { firstOfKind, withNodeData } from '../../projectEdits.ts';

const assistantOf = (project: Project): string => project.nodes.find((n) => n.kind === 'assistant')!.id;

describe('compile', () => {
  it('has a step for every node kind', () => {
    expect(Object.keys(COMPILE_STEPS).sort()).toEqual([...NODE_KINDS].sort());
  });

  it('compiles the sample assistant with its tools and knowledge', () => {
    const project = sampleProject();
    const result = compile(project, assistantOf(project));
    if (!result.ok) throw new Error(result.reason);
    const { assistant } = result;
    expect(assistant).toMatchObject({ name: 'Research assistant', model: 'gpt-4.1-mini', temperature: 0.3, truncation: { type: 'auto' }, toolChoice: 'auto' });
    expect(assistant.id).toBe(`asst_${assistant.nodeId}`);
    expect(assistant.tools.map((t) => t.type).sort()).toEqual(['code_interpreter', 'file_search', 'function']);
    const fileSearch = assistant.tools.find((t) => t.type === 'file_search');
    expect(fileSearch).toMatchObject({ maxResults: 20, chunking: { type: 'auto' }, knowledge: [{ title: 'Research notes', paths: ['knowledge'] }] });
    const fn = assistant.tools.find((t) => t.type === 'function');
    expect(fn).toMatchObject({ name: 'search_database', mode: 'handler', timeoutMs: 30_000, strict: true });
  });

  it('maps settings to their Assistants shapes', () => {
    const a = createNode(
      'assistant',
      { x: 0, y: 0 },
      {
        model: 'gpt-4o',
        truncation: 'last_messages',
        lastMessages: 4,
        responseFormat: 'json_schema',
        responseSchemaName: 'out',
        toolChoice: 'function',
        toolChoiceFunction: 'f',
      },
    );
    const f = createNode('function', { x: 0, y: 0 }, { name: 'f', description: 'd' });
    const project: Project = {
      ...sampleProject(),
      nodes: [a, f],
      edges: [{ id: 'e', source: f.id, sourcePort: 'tool', target: a.id, targetPort: 'tools' } as GraphEdge],
    };
    const result = compile(project, a.id);
    if (!result.ok) throw new Error(result.reason);
    expect(result.assistant).toMatchObject({
      model: 'gpt-4o',
      truncation: { type: 'last_messages', lastMessages: 4 },
      responseFormat: { type: 'json_schema', json_schema: { name: 'out', strict: true } },
      toolChoice: { type: 'function', function: { name: 'f' } },
    });
  });

  it('returns the errors of the assistant and its tools instead of a configuration', () => {
    const sample = sampleProject();
    const project = withNodeData(sample, firstOfKind(sample, 'function'), { name: 'not a valid name!' });
    const result = compile(project, assistantOf(project));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toContain('P200');
    expect(result.reason).toMatch(/problem/);
  });

  it('ignores errors in nodes the assistant does not use', () => {
    const project = sampleProject();
    const stray = createNode('function', { x: 0, y: 0 }, { name: 'bad name' });
    const result = compile({ ...project, nodes: [...project.nodes, stray] }, assistantOf(project));
    expect(result.ok).toBe(true);
  });

  it('says so when the node is missing or not an assistant', () => {
    const project = sampleProject();
    expect(compile(project, 'nope')).toMatchObject({ ok: false, reason: expect.stringContaining('no node') });
    const note = project.nodes.find((n) => n.kind === 'note')!;
    expect(compile(project, note.id)).toMatchObject({ ok: false, reason: expect.stringContaining('not an assistant') });
  });
});
