import { describe, expect, it } from 'vitest';
import { emptyProject, PROJECT_FORMAT, type GraphNode, type Project } from '../../shared/graph/project.ts';
import { parseProjectFile, parseProjectValue, serializeProject } from '../../shared/graph/projectFile.ts';
import { sampleProject } from '../../shared/sample.ts';
import { deeplyNestedProjectText } from '../projectEdits.ts';

const reparse = (text: string) => {
  const r = parseProjectFile(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r;
};

describe('project files', () => {
  it('round-trips the sample project to identical bytes', () => {
    const text = serializeProject(sampleProject());
    const again = serializeProject(reparse(text).project);
    expect(again).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "nodes": [\n');
  });

  it('writes keys in a fixed order whatever order the data was built in', () => {
    const p = sampleProject();
    const shuffled: Project = { ...p, nodes: p.nodes.map((n) => ({ ...n, data: Object.fromEntries(Object.entries(n.data).reverse()) }) as GraphNode) };
    expect(serializeProject(shuffled)).toBe(serializeProject(p));
    expect(Object.keys(JSON.parse(serializeProject(p)))).toEqual(['format', 'schemaVersion', 'name', 'settings', 'nodes', 'edges']);
  });

  it('reports text that is not JSON', () => {
    const r = parseProjectFile('{"format": ');
    expect(r).toMatchObject({ ok: false, problem: { code: 'not-json' } });
  });

  it('refuses a file nested 5,000 levels deep as too complex, and one nested 50 deep reads', () => {
    const text = deeplyNestedProjectText(5000);
    expect(text.length).toBeLessThan(14_000);
    expect(parseProjectFile(text)).toEqual({
      ok: false,
      problem: { code: 'too-complex', message: 'The file cannot be opened: it nests arrays and objects more than 100 levels deep.' },
    });
    expect(parseProjectFile(deeplyNestedProjectText(50))).toMatchObject({ ok: true });
  });

  it('refuses a project value nested too deep to write, instead of throwing', () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const value = { ...emptyProject(), name: deep };
    expect(parseProjectValue(value)).toMatchObject({ ok: false, problem: { code: 'too-complex' } });
    expect(parseProjectValue(emptyProject())).toMatchObject({ ok: true });
  });

  it('reports JSON that is not a project', () => {
    expect(parseProjectFile('{"name": "package", "version": "1.0.0"}')).toMatchObject({ ok: false, problem: { code: 'not-a-project' } });
    expect(parseProjectFile('[1, 2]')).toMatchObject({ ok: false, problem: { code: 'not-a-project' } });
  });

  it('reports a project from a newer version', () => {
    const text = JSON.stringify({ ...emptyProject(), schemaVersion: 99 });
    expect(parseProjectFile(text)).toMatchObject({ ok: false, problem: { code: 'newer-version' } });
  });

  it('lists each invalid field with its path', () => {
    const p = JSON.parse(serializeProject(sampleProject()));
    p.nodes[0].data.temperature = 'hot';
    p.nodes[1].data.unknownField = 1;
    p.edges[0].target = 'n_missing';
    const r = parseProjectFile(JSON.stringify(p));
    expect(r.ok).toBe(false);
    if (r.ok || r.problem.code !== 'invalid') throw new Error('expected invalid');
    expect(r.problem.issues.join('\n')).toMatch(/nodes\.0\.data\.temperature/);
    expect(r.problem.issues.join('\n')).toMatch(/nodes\.1\.data.*unknownField/);
    expect(r.problem.issues.join('\n')).toMatch(/edges\.0\.target: no node with id "n_missing"/);
  });

  it('rejects duplicate node ids and unknown kinds', () => {
    const p = JSON.parse(serializeProject(sampleProject()));
    p.nodes[1].id = p.nodes[0].id;
    expect(parseProjectFile(JSON.stringify(p))).toMatchObject({ ok: false, problem: { code: 'invalid' } });
    const q = JSON.parse(serializeProject(sampleProject()));
    q.nodes[0].kind = 'webBrowser';
    expect(parseProjectFile(JSON.stringify(q))).toMatchObject({ ok: false, problem: { code: 'invalid' } });
  });

  it('migrates a schema v1 file with v1 nodes', () => {
    const v1 = {
      type: 'assistant-studio.project',
      schemaVersion: 1,
      name: 'Old',
      defaultModel: 'gpt-4o',
      nodes: [
        { id: 'a', kind: 'assistant', version: 1, position: { x: 0, y: 0 }, data: { ...withoutV2Assistant(), truncation: 5 } },
        { id: 'f', kind: 'function', version: 1, position: { x: 10, y: 0 }, data: { ...withoutV2Function(), mock: false } },
      ],
      edges: [{ id: 'e1', from: 'f:tool', to: 'a:tools' }],
    };
    const r = reparse(JSON.stringify(v1));
    expect(r.migratedFrom).toBe(1);
    expect(r.project.format).toBe(PROJECT_FORMAT);
    expect(r.project.settings).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(r.project.edges).toEqual([{ id: 'e1', source: 'f', sourcePort: 'tool', target: 'a', targetPort: 'tools' }]);
    expect(r.project.nodes[0]).toMatchObject({ version: 2, data: { truncation: 'last_messages', lastMessages: 5 } });
    expect(r.project.nodes[1]).toMatchObject({ version: 3, data: { mode: 'handler', network: false } });
  });
});

function withoutV2Assistant() {
  const { truncation: _a, lastMessages: _b, ...rest } = sampleProject().nodes.find((n) => n.kind === 'assistant')!.data as Record<string, unknown>;
  return rest;
}
function withoutV2Function() {
  const { mode: _m, network: _n, ...rest } = sampleProject().nodes.find((n) => n.kind === 'function')!.data as Record<string, unknown>;
  return rest;
}
