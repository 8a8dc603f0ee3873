import { afterEach, describe, expect, it } from 'vitest';
import { setProjectFreezing } from '../../shared/graph/freeze.ts';
import { createNode } from '../../shared/graph/nodes.ts';
import { emptyProject } from '../../shared/graph/project.ts';
import { parseProjectFile, serializeProject } from '../../shared/graph/projectFile.ts';
import { sampleProject } from '../../shared/sample.ts';

/** Paths of the objects reachable from `value` that are not frozen. */
function unfrozen(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  return [...(Object.isFrozen(value) ? [] : [at || '(root)']), ...Object.entries(value).flatMap(([k, v]) => unfrozen(v, `${at}/${k}`))];
}

afterEach(() => setProjectFreezing(true));

describe('frozen projects', () => {
  it('parsing a project file yields a value frozen all the way down', () => {
    const parsed = parseProjectFile(serializeProject(sampleProject()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(unfrozen(parsed.project)).toEqual([]);
    // Down to the JSON schemas inside node data.
    const fn = parsed.project.nodes.find((n) => n.kind === 'function');
    const parameters = fn?.kind === 'function' ? (fn.data.parameters as { properties: object }) : null;
    expect(parameters && Object.isFrozen(parameters.properties)).toBe(true);
  });

  it('templates and new nodes are frozen too', () => {
    expect(unfrozen(emptyProject())).toEqual([]);
    expect(unfrozen(sampleProject())).toEqual([]);
    expect(unfrozen(createNode('function', { x: 1, y: 2 }, { parameters: { type: 'object', properties: {} } }))).toEqual([]);
  });

  it('throws where code edits a project in place (test files are modules, so strict mode)', () => {
    // The types forbid all of this; the casts stand for code that got around them.
    const project = sampleProject() as unknown as { name: string; nodes: { position: { x: number }; data: Record<string, unknown> }[] };
    const fn = project.nodes.find((n) => 'parameters' in n.data)!;
    expect(() => {
      project.name = 'Renamed';
    }).toThrow(TypeError);
    expect(() => project.nodes.push(project.nodes[0]!)).toThrow(TypeError);
    expect(() => {
      project.nodes[0]!.position.x = 5;
    }).toThrow(TypeError);
    expect(() => {
      fn.data.name = 'renamed';
    }).toThrow(TypeError);
    expect(() => {
      (fn.data.parameters as { required: string[] }).required.push('extra');
    }).toThrow(TypeError);
  });

  it('an edit shares the unchanged parts, which stay frozen, and its new parts are frozen by the next entry point', () => {
    const project = sampleProject();
    const renamed = { ...project, name: 'Renamed' };
    expect(Object.isFrozen(renamed)).toBe(false);
    expect(renamed.nodes).toBe(project.nodes);
    expect(Object.isFrozen(renamed.nodes)).toBe(true);
  });

  it('freezes nothing once a production build has turned freezing off', () => {
    setProjectFreezing(false);
    expect(Object.isFrozen(emptyProject())).toBe(false);
    expect(Object.isFrozen(createNode('note', { x: 0, y: 0 }))).toBe(false);
  });
});
