import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { backendHarness, simulatedSample, withFunction, type BackendHarness } from './backendHarness.ts';
import { tempDir } from '../engine/helpers.ts';

let h: BackendHarness;
let dataDir: string;
beforeEach(async () => {
  dataDir = await tempDir();
  h = await backendHarness(dataDir);
});
afterEach(() => h.close());

const trusted = async (file: string | null) => (await h.call('app:trust/get', { path: file })).trusted;

describe('project trust through the backend', () => {
  it('trusts the sample written on first run and unsaved work, not projects opened from disk', async () => {
    const initial = await h.call('app:project/initial', {});
    expect(initial.firstRun).toBe(true);
    expect(await trusted(initial.document.path)).toBe(true);
    expect(await trusted(null)).toBe(true);

    const file = path.join(dataDir, 'from-elsewhere.assistant.json');
    await writeFile(file, serializeProject(simulatedSample().project));
    await h.call('app:project/open', { path: file });
    expect(await trusted(file)).toBe(false);
    expect(await h.call('app:trust/grant', { path: file, project: simulatedSample().project })).toEqual({ trusted: true });
    expect(await trusted(file)).toBe(true);
    expect(await h.refuse('app:trust/get', { path: 'relative.assistant.json' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('passes trust on through Save As only from a trusted or never-saved project', async () => {
    const { project } = simulatedSample();
    const at = (name: string) => path.join(dataDir, `${name}.assistant.json`);
    await h.call('app:project/save', { path: at('mine'), previousPath: null, project });
    expect(await trusted(at('mine'))).toBe(true);
    await h.call('app:project/save', { path: at('mine-copy'), previousPath: at('mine'), project });
    expect(await trusted(at('mine-copy'))).toBe(true);

    await writeFile(at('foreign'), serializeProject(project));
    await h.call('app:project/save', { path: at('foreign-copy'), previousPath: at('foreign'), project });
    expect(await trusted(at('foreign-copy'))).toBe(false);
    await h.call('app:project/save', { path: at('mine-copy'), previousPath: at('foreign'), project });
    expect(await trusted(at('mine-copy'))).toBe(false);
  });
});

describe('the handler test', () => {
  it('runs a Function handler with sample arguments, or the given ones', async () => {
    const { project, functionId } = simulatedSample();
    const sample = await h.call('app:handlers/test', { project, projectPath: null, nodeId: functionId });
    expect(sample).toMatchObject({
      args: { query: 'example', category: 'all' },
      output: '{"results":[]}',
      logs: ['0 result(s) for "example" in all'],
      error: null,
    });
    expect(sample.durationMs).toBeGreaterThan(0);

    const given = await h.call('app:handlers/test', { project, projectPath: null, nodeId: functionId, args: { query: 'dense', category: 'nlp' } });
    expect(JSON.parse(given.output)).toEqual({ results: [{ id: 'P-102', title: 'Dense passage retrieval', category: 'nlp', year: 2020 }] });
  });

  it('reports what went wrong in the handler, and does not run one of an untrusted project', async () => {
    const { project, functionId, assistantId } = simulatedSample();
    const throwing = withFunction(project, { handler: 'export default async function handler() { throw new Error("kaput"); }' });
    expect(await h.call('app:handlers/test', { project: throwing, projectPath: null, nodeId: functionId })).toMatchObject({
      error: { code: 'handler_threw', message: expect.stringContaining('kaput') },
    });

    const file = path.join(dataDir, 'untrusted.assistant.json');
    await writeFile(file, serializeProject(project));
    expect(await h.call('app:handlers/test', { project, projectPath: file, nodeId: functionId })).toMatchObject({
      args: { query: 'example', category: 'all' },
      logs: [],
      error: { code: 'untrusted' },
    });
    expect(await h.refuse('app:handlers/test', { project, projectPath: null, nodeId: assistantId })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await h.refuse('app:handlers/test', { project, projectPath: null, nodeId: 'missing' })).toMatchObject({ code: 'E_NOT_FOUND' });
  });
});
