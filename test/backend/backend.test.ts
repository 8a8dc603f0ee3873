import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProject } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { sampleProject } from '../../shared/sample.ts';
import { CHANNELS, type Channel, type RequestOf, type SetAside } from '../../shared/ipc/contract.ts';
import type { AppEvent } from '../../shared/ipc/events.ts';
import { createBackend, type BackendDeps } from '../../electron/backend/backend.ts';
import { defaultSettings, type AppSettings } from '../../electron/backend/workspace/settings.ts';
import { memoryStore, recordingLog, tempDir, testBackendDeps } from '../engine/helpers.ts';
import { deeplyNestedProjectText } from '../projectEdits.ts';

async function backendIn(dataDir: string, overrides: Partial<BackendDeps> = {}) {
  const log = recordingLog();
  const settings = memoryStore();
  const backend = createBackend(await testBackendDeps(dataDir, { log, settings, ...overrides }));
  return { backend, log, settings };
}

describe('backend', () => {
  it('rejects unknown channels', async () => {
    const { backend } = await backendIn(await tempDir());
    expect(await backend.handle('app:nope/nothing', {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
    expect(await backend.handle('__proto__', {})).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
  });

  it('rejects invalid requests with the schema issues as details', async () => {
    const { backend } = await backendIn(await tempDir());
    const result = await backend.handle('app:project/open', { path: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_INVALID_REQUEST' } });
    if (!result.ok) expect(result.error.details?.[0]).toMatch(/^path: /);
    expect(await backend.handle('app:app/info', { extra: true })).toMatchObject({ ok: false, error: { code: 'E_INVALID_REQUEST' } });
  });

  it('answers every channel of the contract', async () => {
    const dataDir = await tempDir();
    const project = path.join(dataDir, 'p.assistant.json');
    const { backend } = await backendIn(dataDir);
    const sample = sampleProject();
    const assistantNodeId = sample.nodes.find((n) => n.kind === 'assistant')!.id;
    const functionNodeId = sample.nodes.find((n) => n.kind === 'function')!.id;
    const fileSearchNodeId = sample.nodes.find((n) => n.kind === 'fileSearch')!.id;
    let threadId = 'thread_unknown';
    // Typed as a complete map, so a channel added to the contract without a case here fails to compile.
    // Entries are functions so that later requests can use the thread created by an earlier one.
    const requests: { [C in Channel]: () => RequestOf<C> } = {
      'app:app/info': () => ({}),
      'app:project/initial': () => ({}),
      'app:project/save': () => ({ path: project, previousPath: null, project: emptyProject('p') }),
      'app:project/open': () => ({ path: project }),
      'app:project/recent': () => ({}),
      'app:project/template': () => ({ template: 'product' }),
      'app:dialog/openProject': () => ({}),
      'app:dialog/saveProject': () => ({ suggestedName: 'p' }),
      'app:fs/list': () => ({ dir: null }),
      'app:draft/save': () => ({ draftId: 'draft1', path: null, project: emptyProject() }),
      'app:draft/discard': () => ({ draftId: 'draft1' }),
      'app:settings/get': () => ({}),
      'app:settings/update': () => ({ theme: 'dark' }),
      'app:secrets/set': () => ({ providerId: 'openai', apiKey: 'sk-abc' }),
      'app:secrets/clear': () => ({ providerId: 'openai' }),
      'app:threads/create': () => ({ assistantNodeId, title: 'First' }),
      'app:threads/list': () => ({ assistantNodeId }),
      'app:threads/rename': () => ({ threadId, title: 'Renamed' }),
      'app:messages/list': () => ({ threadId }),
      'app:runs/create': () => ({ project: sample, projectPath: null, assistantNodeId, threadId, message: 'Hi' }),
      'app:runs/list': () => ({ threadId }),
      'app:runs/steps': () => ({ runId: 'run_unknown' }),
      'app:runs/cancel': () => ({ runId: 'run_unknown' }),
      'app:runs/submitToolOutputs': () => ({ runId: 'run_unknown', outputs: [{ tool_call_id: 'call_1', output: 'x' }] }),
      'app:handlers/test': () => ({ project: sample, projectPath: null, nodeId: functionNodeId }),
      'app:trust/get': () => ({ path: project }),
      'app:trust/grant': () => ({ path: project, project: sample }),
      'app:trust/review': () => ({ path: project, project: sample }),
      'app:models/list': () => ({ providerId: 'openai' }),
      'app:threads/delete': () => ({ threadId }),
      'app:files/content': () => ({ fileId: 'file-unknown' }),
      'app:files/save': () => ({ fileId: 'file-unknown', path: path.join(dataDir, 'saved.png') }),
      'app:dialog/saveFile': () => ({ suggestedName: 'chart.png' }),
      'app:dialog/chooseFolder': () => ({}),
      'app:fileSearch/chunk': () => ({ chunkId: 'chunk_unknown' }),
      'app:fileSearch/deleteRemote': () => ({ nodeId: fileSearchNodeId, providerId: 'openai' }),
      'app:knowledge/sync': () => ({ project: sample, projectPath: null, nodeId: fileSearchNodeId }),
      'app:knowledge/cancel': () => ({ nodeId: fileSearchNodeId }),
      'app:python/inspect': () => ({}),
      'app:export/formats': () => ({}),
      'app:export/preview': () => ({ project: sample, projectPath: null, assistantNodeId, format: 'typescript' }),
      'app:export/save': () => ({ project: sample, projectPath: null, assistantNodeId, format: 'json', dir: path.join(dataDir, 'export') }),
      'app:import/definition': () => ({ text: '{}' }),
      'app:serve/get': () => ({}),
      'app:serve/update': () => ({ model: '' }),
      'app:serve/key': () => ({}),
      'app:serve/newKey': () => ({}),
      'app:serve/project': () => ({ path: null, project: sample }),
      'app:assistants/list': () => ({}),
    };
    // Where the request cannot succeed here (no native dialogs on the web, no key, no such run), the
    // channel still answers with a coded error rather than an internal one.
    const refusals: Partial<Record<Channel, string>> = {
      'app:dialog/openProject': 'E_UNSUPPORTED',
      'app:dialog/saveProject': 'E_UNSUPPORTED',
      'app:runs/create': 'E_INVALID_REQUEST',
      'app:runs/steps': 'E_NOT_FOUND',
      'app:runs/cancel': 'E_NOT_FOUND',
      'app:runs/submitToolOutputs': 'E_NOT_FOUND',
      'app:models/list': 'E_INVALID_REQUEST',
      'app:files/content': 'E_NOT_FOUND',
      'app:files/save': 'E_NOT_FOUND',
      'app:dialog/saveFile': 'E_UNSUPPORTED',
      'app:dialog/chooseFolder': 'E_UNSUPPORTED',
      'app:fileSearch/chunk': 'E_NOT_FOUND',
      'app:fileSearch/deleteRemote': 'E_INVALID_REQUEST',
      'app:import/definition': 'E_INVALID_REQUEST',
      'app:serve/key': 'E_NOT_FOUND',
    };
    // Saving comes before opening, so the channels run in the order of this map.
    expect(Object.keys(requests).sort()).toEqual(Object.keys(CHANNELS).sort());
    for (const channel of Object.keys(requests) as Channel[]) {
      const result = await backend.handle(channel, requests[channel]());
      const refusal = refusals[channel];
      if (refusal) expect(result, channel).toMatchObject({ ok: false, error: { code: refusal } });
      else expect(result, channel).toMatchObject({ ok: true });
      if (channel === 'app:threads/create' && result.ok) threadId = (result.value as { thread: { id: string } }).thread.id;
    }
    await backend.close();
  });

  it('uses injected dialogs where the host has them', async () => {
    const dataDir = await tempDir();
    const { backend } = await backendIn(dataDir, {
      host: 'electron',
      dialogs: {
        openProject: async () => '/chosen.assistant.json',
        saveProject: async (name) => `/to/${name}.assistant.json`,
        saveFile: async (name) => `/to/${name}`,
        chooseFolder: async () => null,
      },
    });
    expect(await backend.handle('app:dialog/saveFile', { suggestedName: 'chart.png' })).toEqual({ ok: true, value: { path: '/to/chart.png' } });
    expect(await backend.handle('app:dialog/chooseFolder', {})).toEqual({ ok: true, value: { path: null } });
    expect(await backend.handle('app:dialog/openProject', {})).toEqual({ ok: true, value: { path: '/chosen.assistant.json' } });
    expect(await backend.handle('app:dialog/saveProject', { suggestedName: 'x' })).toEqual({ ok: true, value: { path: '/to/x.assistant.json' } });
    expect(await backend.handle('app:app/info', {})).toMatchObject({ ok: true, value: { host: 'electron', version: '0.1.0-test' } });
  });

  it('writes the sample project on first run and reopens it afterwards', async () => {
    const dataDir = await tempDir();
    const { backend } = await backendIn(dataDir);
    const first = await backend.handle('app:project/initial', {});
    const samplePath = path.join(dataDir, 'samples', 'research-assistant', 'research-assistant.assistant.json');
    expect(first).toMatchObject({ ok: true, value: { firstRun: true, drafts: [], document: { path: samplePath, project: { name: 'Research assistant' } } } });
    expect(await readFile(path.join(dataDir, 'samples', 'research-assistant', 'knowledge', 'retrieval.md'), 'utf8')).toMatch(/^# Retrieval/);

    await backend.handle('app:draft/save', { draftId: 'crash', path: null, project: emptyProject('unsaved') });
    const later = await backend.handle('app:project/initial', {});
    expect(later).toMatchObject({ ok: true, value: { firstRun: false, document: { path: samplePath }, drafts: [{ draftId: 'crash' }] } });
    expect(await backend.handle('app:project/recent', {})).toMatchObject({ ok: true, value: { entries: [{ path: samplePath, exists: true }] } });
  });

  it('falls back to an empty project when the recent one no longer opens', async () => {
    const dataDir = await tempDir();
    const { backend } = await backendIn(dataDir);
    const first = await backend.handle('app:project/initial', {});
    if (!first.ok) throw new Error('initial failed');
    const { document } = first.value as { document: { path: string } };
    await writeFile(document.path, 'broken');
    expect(await backend.handle('app:project/initial', {})).toMatchObject({ ok: true, value: { document: { path: null, project: { nodes: [] } } } });
  });

  it('starts with a recent project, drafts and settings it cannot read: it sets them aside, says so once, and still offers the drafts', async () => {
    const dataDir = await tempDir();
    const good = path.join(dataDir, 'good.assistant.json');
    const deep = path.join(dataDir, 'deep.assistant.json');
    await writeFile(good, serializeProject(emptyProject('Good')));
    await writeFile(deep, deeplyNestedProjectText(5000));
    const settings = memoryStore({ ...defaultSettings(), firstRunDone: true, recent: [deep, good] });
    settings.current = { ...settings.current, theme: 'solarized' } as unknown as AppSettings;
    const draftsDir = path.join(dataDir, 'drafts');
    await mkdir(draftsDir);
    const draft = (draftId: string, project: string) => `{"draftId": "${draftId}", "path": null, "savedAt": 1, "project": ${project}}`;
    await writeFile(path.join(draftsDir, 'kept.json'), draft('kept', serializeProject(emptyProject('Unsaved'))));
    await writeFile(path.join(draftsDir, 'deep.json'), draft('deep', deeplyNestedProjectText(5000)));
    await writeFile(path.join(draftsDir, 'torn.json'), '{"draftId": "torn", "pa');

    const first = await backendIn(dataDir, { settings });
    const result = await first.backend.handle('app:project/initial', {});
    // What a host sends to the window: the deep project made this throw before.
    expect(() => JSON.stringify(result)).not.toThrow();
    expect(result).toMatchObject({ ok: true, value: { document: { path: good }, drafts: [{ draftId: 'kept' }] } });
    const { setAside } = (result as { value: { setAside: SetAside[] } }).value;
    const aside = path.join(draftsDir, 'set-aside');
    expect(setAside).toEqual(
      expect.arrayContaining([
        { kind: 'recentProject', name: deep, reason: expect.stringContaining('more than 100 levels deep'), keptAt: null },
        {
          kind: 'draft',
          name: path.join(draftsDir, 'deep.json'),
          reason: expect.stringContaining('more than 100 levels deep'),
          keptAt: expect.stringMatching(aside),
        },
        { kind: 'draft', name: path.join(draftsDir, 'torn.json'), reason: 'it is not valid JSON', keptAt: expect.stringMatching(aside) },
        { kind: 'setting', name: 'theme', reason: expect.any(String), keptAt: null },
      ]),
    );
    expect(setAside).toHaveLength(4);
    expect(settings.current.recent).toEqual([good]);
    expect(await readdir(aside)).toHaveLength(2);
    // A window opened later in the same session is told too.
    expect(await first.backend.handle('app:project/initial', {})).toMatchObject({ ok: true, value: { setAside: expect.arrayContaining(setAside) } });
    await first.backend.close();

    const next = await backendIn(dataDir, { settings });
    expect(await next.backend.handle('app:project/initial', {})).toMatchObject({
      ok: true,
      value: { document: { path: good }, drafts: [{ draftId: 'kept' }], setAside: [] },
    });
    await next.backend.close();
  });

  it("removes at the next start what a save killed half-way left in the project's folder, and nothing else", async () => {
    const dataDir = await tempDir();
    const folder = path.join(dataDir, 'work');
    await mkdir(folder);
    const file = path.join(folder, 'p.assistant.json');
    await writeFile(file, serializeProject(emptyProject('P')));
    // A real process writes the project and is killed with SIGKILL after its temp file is written, before the rename.
    const writer = path.join(dataDir, 'writer.ts');
    await writeFile(
      writer,
      `import { atomicWrite, nodeAtomicFs } from ${JSON.stringify(path.resolve('electron/backend/workspace/atomicWrite.ts'))};
await atomicWrite(process.argv[2], 'half', { fs: { ...nodeAtomicFs, rename: () => { process.stdout.write('written\\n'); return new Promise(() => {}); } } });`,
    );
    const child = spawn(process.execPath, [writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    const killed = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await killed;
    const left = (await readdir(folder)).filter((n) => n.endsWith('.tmp'));
    expect(left).toEqual([expect.stringMatching(/^\.p\.assistant\.json\.[\d.a-f]+\.tmp$/)]);
    await writeFile(path.join(folder, '.notes.tmp'), 'mine');
    await writeFile(path.join(folder, 'draft.0123456789ab.tmp'), 'mine too');

    const settings = memoryStore({ ...defaultSettings(), firstRunDone: true, recent: [file] });
    const { backend } = await backendIn(dataDir, { settings });
    expect(await backend.handle('app:project/initial', {})).toMatchObject({ ok: true, value: { document: { path: file } } });
    expect((await readdir(folder)).sort()).toEqual(['.notes.tmp', 'draft.0123456789ab.tmp', 'p.assistant.json']);
    await backend.close();
  });

  it('keeps its data folder, run database, keys and drafts for the user alone', async () => {
    const dataDir = path.join(await tempDir(), 'new', 'data');
    const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
    const { backend } = await backendIn(dataDir);
    await backend.handle('app:secrets/set', { providerId: 'openai', apiKey: 'sk-private' });
    await backend.handle('app:draft/save', { draftId: 'd1', path: null, project: emptyProject() });
    expect(await backend.handle('app:threads/list', { assistantNodeId: 'n_x' })).toMatchObject({ ok: true });
    expect(await mode(dataDir)).toBe(0o700);
    const files = ['runs.sqlite', 'runs.sqlite-wal', 'runs.sqlite-shm', 'secret.key', 'secrets.json', path.join('drafts', 'd1.json')];
    expect(await Promise.all(files.map((f) => mode(path.join(dataDir, f))))).toEqual(files.map(() => 0o600));
    expect(await mode(path.join(dataDir, 'drafts'))).toBe(0o700);
    await backend.close();

    // A data folder an older version made readable is narrowed at the next start.
    await chmod(dataDir, 0o755);
    const again = await backendIn(dataDir);
    expect(await mode(dataDir)).toBe(0o700);
    await again.backend.close();
  });

  it('turns project problems into coded errors', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'x.assistant.json');
    await writeFile(file, '[1, 2]');
    const { backend } = await backendIn(dataDir);
    expect(await backend.handle('app:project/open', { path: file })).toMatchObject({ ok: false, error: { code: 'E_PROJECT_FOREIGN' } });
  });

  it('keeps keys out of the settings view, the log and errors, and emits settings changes', async () => {
    const dataDir = await tempDir();
    const { backend, log } = await backendIn(dataDir);
    const events: AppEvent[] = [];
    const off = backend.onEvent((e) => events.push(e));
    const key = 'sk-very-secret-value-123';
    const view = await backend.handle('app:secrets/set', { providerId: 'openai', apiKey: key });
    expect(view).toMatchObject({
      ok: true,
      value: { secretStorage: 'encrypted-file', providers: [{ id: 'openai', hasKey: true, keySource: 'encrypted-file' }] },
    });
    expect(JSON.stringify(view)).not.toContain(key);
    expect(JSON.stringify(await backend.handle('app:settings/get', {}))).not.toContain(key);
    expect(JSON.stringify(await backend.handle('app:secrets/set', { providerId: 'missing', apiKey: key }))).not.toContain(key);
    expect(log.lines.join('\n')).not.toContain(key);
    expect(events).toEqual([{ type: 'settings.changed' }]);
    off();
  });

  it('reports a run database it cannot open, and tries again on the next request', async () => {
    const dataDir = await tempDir();
    const { backend } = await backendIn(dataDir);
    await mkdir(path.join(dataDir, 'runs.sqlite'));
    expect(await backend.handle('app:threads/list', { assistantNodeId: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'E_IO', message: expect.stringContaining('runs.sqlite') },
    });
    await rm(path.join(dataDir, 'runs.sqlite'), { recursive: true });
    expect(await backend.handle('app:threads/list', { assistantNodeId: 'a' })).toEqual({ ok: true, value: { threads: [] } });
    await backend.close();
    expect(await backend.handle('app:threads/list', { assistantNodeId: 'a' })).toMatchObject({ ok: false, error: { code: 'E_UNSUPPORTED' } });
  });

  it('lists a folder with folders first and hidden entries left out', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, '.hidden'), '');
    await writeFile(path.join(dataDir, 'b.assistant.json'), '');
    await writeFile(path.join(dataDir, 'a.txt'), '');
    const { backend } = await backendIn(dataDir);
    await backend.handle('app:draft/save', { draftId: 'd', path: null, project: emptyProject() });
    const result = await backend.handle('app:fs/list', { dir: dataDir });
    expect(result).toMatchObject({
      ok: true,
      value: {
        dir: dataDir,
        parent: path.dirname(dataDir),
        entries: [
          { name: 'drafts', kind: 'dir' },
          { name: 'b.assistant.json', kind: 'project' },
          { name: 'a.txt', kind: 'file' },
          { name: 'secret.key', kind: 'file' },
        ],
      },
    });
  });
});

describe('backend settings', () => {
  it('rejects duplicate provider ids and clears the key of a removed provider', async () => {
    const dataDir = await tempDir();
    const { backend } = await backendIn(dataDir);
    const local = { id: 'local', label: 'Ollama', kind: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:11434/v1', apiKeyEnv: '' };
    expect(await backend.handle('app:settings/update', { providers: [local, local] })).toMatchObject({ ok: false, error: { code: 'E_INVALID_REQUEST' } });
    await backend.handle('app:settings/update', { providers: [local] });
    await backend.handle('app:secrets/set', { providerId: 'local', apiKey: 'k-local' });
    expect(await backend.handle('app:settings/get', {})).toMatchObject({ ok: true, value: { providers: [{ id: 'local', hasKey: true }] } });
    await backend.handle('app:settings/update', { providers: [] });
    await backend.handle('app:settings/update', { providers: [local] });
    expect(await backend.handle('app:settings/get', {})).toMatchObject({ ok: true, value: { providers: [{ id: 'local', hasKey: false }] } });
    expect(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')).toBe('{}\n');
  });

  it('keeps the provider silence limit the user chose, within 5 to 600 seconds', async () => {
    const { backend } = await backendIn(await tempDir());
    expect(await backend.handle('app:settings/get', {})).toMatchObject({ ok: true, value: { streamIdleTimeoutSeconds: 30 } });
    expect(await backend.handle('app:settings/update', { streamIdleTimeoutSeconds: 90 })).toMatchObject({ ok: true, value: { streamIdleTimeoutSeconds: 90 } });
    for (const bad of [4, 601, 12.5]) {
      expect(await backend.handle('app:settings/update', { streamIdleTimeoutSeconds: bad })).toMatchObject({ ok: false, error: { code: 'E_INVALID_REQUEST' } });
    }
    expect(await backend.handle('app:settings/get', {})).toMatchObject({ ok: true, value: { streamIdleTimeoutSeconds: 90 } });
  });
});
