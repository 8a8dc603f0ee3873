import { describe, expect, it } from 'vitest';
import { createNode } from '../../shared/graph/nodes.ts';
import type { GraphEdge, GraphNode, Project } from '../../shared/graph/project.ts';
import { emptyProject } from '../../shared/graph/project.ts';
import { sampleProject } from '../../shared/sample.ts';
import { validateProject, type Problem } from '../../shared/validation/index.ts';
import { withData, withNodeData } from '../projectEdits.ts';

const wire = (source: GraphNode, sourcePort: string, target: GraphNode, targetPort: string): GraphEdge =>
  ({ id: `e_${source.id}_${target.id}`, source: source.id, sourcePort, target: target.id, targetPort }) as GraphEdge;

function project(nodes: readonly GraphNode[], edges: readonly GraphEdge[] = [], model = 'gpt-4.1-mini'): Project {
  return { ...emptyProject(), settings: { provider: 'openai', model }, nodes, edges };
}
const codes = (ps: Problem[]) => ps.map((p) => p.code).sort();
const of = (ps: Problem[], nodeId: string) => ps.filter((p) => p.nodeId === nodeId);

describe('validateProject', () => {
  it('finds nothing wrong with the sample project', () => {
    expect(validateProject(sampleProject())).toEqual([]);
  });

  it('requires an assistant name and a model (own or project default)', () => {
    const a = createNode('assistant', { x: 0, y: 0 }, { name: '  ', model: '' });
    const ps = validateProject(project([a], [], ''));
    expect(codes(ps)).toEqual(['P110', 'P111']);
    expect(ps.find((p) => p.code === 'P111')).toMatchObject({ field: 'model', severity: 'error', nodeId: a.id });
    expect(codes(validateProject(project([createNode('assistant', { x: 0, y: 0 })], [], 'gpt-4o')))).toEqual([]);
  });

  it('flags duplicate function names on one assistant, on both functions', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const f1 = createNode('function', { x: 0, y: 0 }, { name: 'lookup', description: 'x' });
    const f2 = createNode('function', { x: 0, y: 0 }, { name: 'lookup', description: 'y' });
    const ps = validateProject(project([a, f1, f2], [wire(f1, 'tool', a, 'tools'), wire(f2, 'tool', a, 'tools')]));
    expect(of(ps, f1.id).map((p) => p.code)).toEqual(['P201']);
    expect(of(ps, f2.id).map((p) => p.code)).toEqual(['P201']);
    expect(ps[0]!.message).toMatch(/named "lookup"/);
  });

  it('allows the same function name on two different assistants', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const b = createNode('assistant', { x: 0, y: 0 });
    const f1 = createNode('function', { x: 0, y: 0 }, { name: 'lookup', description: 'x' });
    const f2 = createNode('function', { x: 0, y: 0 }, { name: 'lookup', description: 'y' });
    expect(validateProject(project([a, b, f1, f2], [wire(f1, 'tool', a, 'tools'), wire(f2, 'tool', b, 'tools')]))).toEqual([]);
  });

  it('reports a parameter schema that is not JSON, and one that is not a valid schema', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const broken = createNode('function', { x: 0, y: 0 }, { name: 'a', description: 'd', parameters: '{"type": "object",' });
    const invalid = createNode(
      'function',
      { x: 0, y: 0 },
      {
        name: 'b',
        description: 'd',
        strict: false,
        parameters: { type: 'object', properties: { n: { type: 'strng' } } },
      },
    );
    const ps = validateProject(project([a, broken, invalid], [wire(broken, 'tool', a, 'tools'), wire(invalid, 'tool', a, 'tools')]));
    expect(of(ps, broken.id).map((p) => p.code)).toEqual(['P202']);
    expect(of(ps, invalid.id)).toEqual([expect.objectContaining({ code: 'P203', severity: 'error', field: 'parameters', pointer: '/properties/n/type' })]);
  });

  it('checks a schema again when an edit replaces it, and an unchanged one the same way each pass', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const f = createNode(
      'function',
      { x: 0, y: 0 },
      { name: 'f', description: 'd', strict: false, parameters: { type: 'object', properties: { n: { type: 'strng' } } } },
    );
    const before = project([a, f], [wire(f, 'tool', a, 'tools')]);
    expect(codes(of(validateProject(before), f.id))).toEqual(['P203']);
    expect(codes(of(validateProject(before), f.id))).toEqual(['P203']);
    // The editor replaces the node's data with a new schema object; the old project keeps the old one.
    const fixed = { ...f, data: { ...f.data, parameters: { type: 'object', properties: { n: { type: 'string' } } } } } as GraphNode;
    expect(of(validateProject(project([a, fixed], [wire(fixed, 'tool', a, 'tools')])), f.id)).toEqual([]);
    expect(codes(of(validateProject(before), f.id))).toEqual(['P203']);
  });

  it('explains every strict-mode violation at its location', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const f = createNode(
      'function',
      { x: 0, y: 0 },
      {
        name: 'f',
        description: 'd',
        strict: true,
        parameters: { type: 'object', properties: { q: { type: 'string' }, opt: { type: 'number' } }, required: ['q'] },
      },
    );
    const ps = of(validateProject(project([a, f], [wire(f, 'tool', a, 'tools')])), f.id);
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['P204', ''],
      ['P204', '/properties/opt'],
    ]);
    expect(ps[0]!.message).toMatch(/additionalProperties": false/);
    expect(ps[1]!.message).toMatch(/"opt" is missing.*null/);
    const lax = withData(f, { strict: false });
    expect(of(validateProject(project([a, lax], [wire(lax, 'tool', a, 'tools')])), f.id)).toEqual([]);
  });

  it('warns about a tool wired to nothing and a knowledge node without files', () => {
    const fs = createNode('fileSearch', { x: 0, y: 0 });
    const k = createNode('knowledge', { x: 0, y: 0 });
    const ps = validateProject(project([fs, k], [wire(k, 'knowledge', fs, 'knowledge')]));
    expect(of(ps, fs.id)).toEqual([expect.objectContaining({ code: 'P300', severity: 'warning' })]);
    expect(of(ps, k.id)).toEqual([expect.objectContaining({ code: 'P301', severity: 'error', field: 'paths' })]);
  });

  it('checks number ranges from the editor fields, only where the field is visible', () => {
    const a = createNode('assistant', { x: 0, y: 0 });
    const fs = createNode('fileSearch', { x: 0, y: 0 }, { maxResults: 80, chunkSize: 50 });
    const k = createNode('knowledge', { x: 0, y: 0 }, { paths: ['docs'] });
    const p = project([a, fs, k], [wire(fs, 'tool', a, 'tools'), wire(k, 'knowledge', fs, 'knowledge')]);
    expect(of(validateProject(p), fs.id).map((x) => [x.code, x.field])).toEqual([['P101', 'maxResults']]);
    const staticChunks = withNodeData(p, fs, { chunking: 'static', chunkOverlap: 400 });
    expect(of(validateProject(staticChunks), fs.id).map((x) => [x.code, x.field])).toEqual([
      ['P101', 'maxResults'],
      ['P101', 'chunkSize'],
      ['P303', 'chunkOverlap'],
    ]);
  });

  it('checks the tool choice, response schema and metadata of an assistant', () => {
    const a = createNode(
      'assistant',
      { x: 0, y: 0 },
      {
        toolChoice: 'function',
        toolChoiceFunction: 'missing',
        responseFormat: 'json_schema',
        responseSchema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])),
      },
    );
    const ps = validateProject(project([a]));
    expect(codes(ps)).toEqual(['P113', 'P114', 'P204']);
  });
});
