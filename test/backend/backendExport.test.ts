import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../electron/engine/index.ts';
import type { Project } from '../../shared/graph/project.ts';
import { backendHarness, KEY, type BackendHarness } from './backendHarness.ts';
import { tempDir } from '../engine/helpers.ts';

let h: BackendHarness;
let dataDir: string;
beforeEach(async () => {
  dataDir = await tempDir();
  h = await backendHarness(dataDir);
  // A key is configured, so a leak into any exported file would show.
  await h.call('app:settings/update', {
    providers: [{ id: 'sim', label: 'Simulator', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: 'SIM_API_KEY' }],
  });
  await h.call('app:secrets/set', { providerId: 'sim', apiKey: KEY });
});
afterEach(async () => {
  await h.close();
  expect(h.transcript()).not.toContain(KEY);
});

/** The sample project as the first run writes it (with its Knowledge files beside it). */
async function sample(): Promise<{ project: Project; projectPath: string; assistantNodeId: string }> {
  const { document } = await h.call('app:project/initial', {});
  const project = document.project as Project;
  return { project, projectPath: document.path!, assistantNodeId: project.nodes.find((n) => n.kind === 'assistant')!.id };
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('export', () => {
  it("lists the engine's formats with their labels", async () => {
    const { formats } = await h.call('app:export/formats', {});
    expect(formats.map((f) => f.id)).toEqual([...EXPORT_FORMATS]);
    expect(formats.find((f) => f.id === 'typescript')?.label).toMatch(/TypeScript/);
  });

  it('previews every format of the sample project, without a key anywhere', async () => {
    const { project, projectPath, assistantNodeId } = await sample();
    for (const format of EXPORT_FORMATS) {
      const preview = await h.call('app:export/preview', { project, projectPath, assistantNodeId, format });
      expect(
        preview.files.map((f) => f.path),
        format,
      ).toContain(preview.primary);
      for (const file of preview.files) expect(file.content, `${format} ${file.path}`).not.toContain(KEY);
    }
    const ts = await h.call('app:export/preview', { project, projectPath, assistantNodeId, format: 'typescript' });
    expect(ts.files.map((f) => f.path)).toEqual(expect.arrayContaining(['package.json', 'main.ts']));
    expect(ts.warnings.some((w) => /vector store/.test(w))).toBe(true);
  });

  it("saves an export into a new folder, pointing the code at the project's Knowledge", async () => {
    const { project, projectPath, assistantNodeId } = await sample();
    const dir = path.join(dataDir, 'exported');
    const saved = await h.call('app:export/save', { project, projectPath, assistantNodeId, format: 'typescript', dir });
    expect(saved.dir).toBe(dir);
    const preview = await h.call('app:export/preview', { project, projectPath, assistantNodeId, format: 'typescript' });
    expect(saved.files.sort()).toEqual(preview.files.map((f) => f.path).sort());
    expect(await filesUnder(dir)).toEqual(saved.files.sort());
    for (const file of saved.files) expect(await readFile(path.join(dir, file), 'utf8')).not.toContain(KEY);
    // The Knowledge stays beside the project; the code finds it from the export folder.
    const knowledgeRoot = path.relative(dir, path.dirname(projectPath));
    expect(await readFile(path.join(dir, 'main.ts'), 'utf8')).toContain(JSON.stringify(knowledgeRoot));
    expect(saved.warnings.some((w) => w.includes(path.dirname(projectPath)))).toBe(true);

    const json = await h.call('app:export/save', { project, projectPath: null, assistantNodeId, format: 'json', dir: path.join(dataDir, 'json') });
    expect(json.files).toEqual(['assistant.json']);
  });

  it('refuses folders that are not empty, files, missing parents and assistants with problems', async () => {
    const { project, projectPath, assistantNodeId } = await sample();
    const request = { project, projectPath, assistantNodeId, format: 'python' as const };
    const full = path.join(dataDir, 'full');
    await h.call('app:export/save', { ...request, dir: full });
    const before = await filesUnder(full);
    expect(await h.refuse('app:export/save', { ...request, dir: full })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/not empty/),
    });
    expect(await filesUnder(full)).toEqual(before);
    const file = path.join(dataDir, 'a-file');
    await writeFile(file, 'mine');
    expect(await h.refuse('app:export/save', { ...request, dir: file })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await readFile(file, 'utf8')).toBe('mine');
    expect(await h.refuse('app:export/save', { ...request, dir: path.join(dataDir, 'no', 'such') })).toMatchObject({ code: 'E_NOT_FOUND' });
    expect(await h.refuse('app:export/save', { ...request, dir: 'relative' })).toMatchObject({ code: 'E_INVALID_REQUEST' });

    const broken = {
      ...project,
      nodes: project.nodes.map((n) => (n.kind === 'function' ? { ...n, data: { ...n.data, name: 'no spaces allowed' } } : n)),
    } as Project;
    const refusal = await h.refuse('app:export/preview', { ...request, project: broken });
    expect(refusal).toMatchObject({ code: 'E_INVALID_REQUEST', message: expect.stringMatching(/problem/) });
    expect(await h.refuse('app:export/preview', { ...request, assistantNodeId: 'nothing' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
  });
});

/** An assistant as `GET /v1/assistants/{id}` returned it. */
const assistantObject = {
  id: 'asst_abc123',
  object: 'assistant',
  created_at: 1_700_000_000,
  name: 'Paper finder',
  description: 'Finds papers.',
  model: 'gpt-4o',
  instructions: 'Find papers.',
  tools: [
    { type: 'code_interpreter' },
    { type: 'file_search', file_search: { max_num_results: 8 } },
    {
      type: 'function',
      function: {
        name: 'lookup_doi',
        description: 'Looks a DOI up.',
        parameters: { type: 'object', properties: { doi: { type: 'string' } }, required: ['doi'] },
      },
    },
  ],
  tool_resources: { file_search: { vector_store_ids: ['vs_papers'] } },
  temperature: 0.2,
  top_p: 1,
  response_format: 'auto',
  metadata: {},
};

describe('import', () => {
  it('turns an Assistants API object into nodes and edges, with a report', async () => {
    const imported = await h.call('app:import/definition', { text: JSON.stringify(assistantObject), origin: { x: 100, y: 50 } });
    expect(imported.nodes.map((n) => n.kind).sort()).toEqual(['assistant', 'codeInterpreter', 'fileSearch', 'function']);
    const assistant = imported.nodes.find((n) => n.kind === 'assistant')!;
    expect(assistant).toMatchObject({ position: { x: 100, y: 50 }, data: { name: 'Paper finder', model: 'gpt-4o' } });
    expect(imported.edges.every((e) => e.target === assistant.id)).toBe(true);
    expect(imported.report).toMatchObject({ source: 'assistants-api', assistants: [{ name: 'Paper finder', nodeId: assistant.id }] });
  });

  it('imports an exported JSON definition back as the same graph', async () => {
    const { project, projectPath, assistantNodeId } = await sample();
    const { files } = await h.call('app:export/preview', { project, projectPath, assistantNodeId, format: 'json' });
    const imported = await h.call('app:import/definition', { text: files[0]!.content });
    expect(imported.report.source).toBe('studio');
    const kinds = (nodes: { kind: string }[]) => nodes.map((n) => n.kind).sort();
    expect(kinds(imported.nodes)).toEqual(kinds(project.nodes.filter((n) => n.kind !== 'note')));
    expect(imported.edges).toHaveLength(project.edges.length);
  });

  it('refuses what is not a definition, with a clear message', async () => {
    expect(await h.refuse('app:import/definition', { text: 'not json' })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/not JSON/),
    });
    expect(await h.refuse('app:import/definition', { text: '{"hello": 1}' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    const invalid = await h.refuse('app:import/definition', { text: JSON.stringify({ ...assistantObject, model: 42 }) });
    expect(invalid).toMatchObject({ code: 'E_INVALID_REQUEST', details: [expect.stringMatching(/model/)] });
  });
});
