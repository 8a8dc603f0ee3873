import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
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

describe('trust in the content, not the path', () => {
  const PULLED = 'export default async function handler() { return JSON.stringify({ pulled: true }); }';

  it('asks again about handler code changed on disk since the file was trusted (a git pull)', async () => {
    const { project, functionId } = simulatedSample();
    const file = path.join(dataDir, 'repo.assistant.json');
    await writeFile(file, serializeProject(project));
    const opened = await h.call('app:project/open', { path: file });
    expect(opened.document.unreviewed).toEqual([]);
    await h.call('app:trust/grant', { path: file, project });
    expect(await h.call('app:handlers/test', { project, projectPath: file, nodeId: functionId })).toMatchObject({ error: null });

    // The handler changes outside the app: the path is still trusted, the new code is not.
    const pulled = withFunction(project, { handler: PULLED });
    await writeFile(file, serializeProject(pulled));
    const reopened = await h.call('app:project/open', { path: file });
    expect(reopened.document.unreviewed).toEqual([functionId]);
    expect(await trusted(file)).toBe(true);
    const review = await h.call('app:trust/review', { path: file, project: pulled });
    const handler = functionOf(project).data.handler;
    expect(review).toEqual({ trusted: true, items: [expect.objectContaining({ nodeId: functionId, status: 'changed', before: handler, text: PULLED })] });
    // A window that sends what waits gets the refusal, however it got there.
    const waiting = { project: pulled, projectPath: file, nodeId: functionId, unreviewed: reopened.document.unreviewed };
    expect(await h.call('app:handlers/test', waiting)).toMatchObject({ logs: [], error: { code: 'untrusted', message: expect.stringMatching(/review/i) } });

    await h.call('app:trust/grant', { path: file, project: pulled });
    expect((await h.call('app:project/open', { path: file })).document.unreviewed).toEqual([]);
    expect(await h.call('app:handlers/test', { ...waiting, unreviewed: [] })).toMatchObject({ output: '{"pulled":true}', error: null });
  });

  it('keeps content unreviewed through a save until it is reviewed', async () => {
    const { project, functionId } = simulatedSample();
    const file = path.join(dataDir, 'mine.assistant.json');
    await h.call('app:project/save', { path: file, previousPath: null, project });
    // The window imported a handler and saved before reviewing it.
    const imported = withFunction(project, { handler: PULLED });
    await h.call('app:project/save', { path: file, previousPath: file, project: imported, unreviewed: [functionId] });
    expect((await h.call('app:project/open', { path: file })).document.unreviewed).toEqual([functionId]);
    await h.call('app:project/save', { path: file, previousPath: file, project: imported, unreviewed: [] });
    expect((await h.call('app:project/open', { path: file })).document.unreviewed).toEqual([]);
  });
});

function functionOf(project: Project) {
  const fn = project.nodes.find((n) => n.kind === 'function');
  if (fn?.kind !== 'function') throw new Error('the sample has no Function node');
  return fn;
}
