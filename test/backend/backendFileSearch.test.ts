import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it, vi } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { RUNS_DATABASE } from '../../electron/backend/backend.ts';
import { createOpenAIEmbedder, openFileIndex, openStore } from '../../electron/engine/index.ts';
import { all } from '../engine/hosted/helpers.ts';
import { KEY, setupSimulatedBackend } from './backendHarness.ts';
import { tempDir } from '../engine/helpers.ts';
import { builtinProject, toolCallsOf } from '../engine/runtime/builtinFixtures.ts';

const MODEL = 'text-embedding-3-small';
const DOCS = {
  'docs/tides.md': '# Tides\n\nThe moon pulls the oceans, which makes the tides rise and fall twice a day.\n',
  'docs/bread.md': '# Bread\n\nSourdough rises slowly because wild yeast ferments the dough.\n',
};

const env = setupSimulatedBackend();

/** Configures the provider "sim" at the simulator, with the test key and this embedding model. */
async function simulatorProvider(kind: 'openai' | 'openai-compatible', embeddingModel: string): Promise<void> {
  await env.h.call('app:settings/update', { providers: [{ id: 'sim', label: 'Simulator', kind, baseUrl: env.sim.baseURL, apiKeyEnv: '', embeddingModel }] });
  await env.h.call('app:secrets/set', { providerId: 'sim', apiKey: KEY });
}

/** A File Search project on the simulator provider, saved in a new folder with DOCS. */
async function savedProject(toolData: Record<string, unknown> = {}): Promise<{ project: Project; projectPath: string; assistantId: string; nodeId: string }> {
  const fixture = builtinProject('fileSearch', ['docs'], toolData);
  const project: Project = { ...fixture.project, settings: { provider: 'sim', model: 'gpt-4.1-mini' } };
  const dir = path.join(await tempDir(), 'project');
  for (const [name, content] of Object.entries(DOCS)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  const projectPath = path.join(dir, 'p.assistant.json');
  await writeFile(projectPath, serializeProject(project));
  return { project, projectPath, assistantId: fixture.assistantId, nodeId: fixture.toolId };
}

/**
 * Opens the backend's run database after it closed and hands its File Search index to `inspect`:
 * what the window and runs wrote, seen through the index's own API.
 */
async function withIndex<T>(inspect: (index: ReturnType<typeof openFileIndex>) => Promise<T>): Promise<T> {
  await env.h.close();
  const store = openStore(path.join(env.dataDir, RUNS_DATABASE));
  try {
    return await inspect(openFileIndex(store.database));
  } finally {
    store.close();
  }
}

const simulatorEmbedder = () => createOpenAIEmbedder({ baseURL: env.sim.baseURL, apiKey: KEY, model: MODEL });

describe('embeddings from the provider settings', () => {
  it('keeps the embedding model, and reads settings saved before it existed as keyword-only', async () => {
    const view = await env.h.call('app:settings/get', {});
    expect(view.providers[0]).toMatchObject({ id: 'openai', embeddingModel: '' });
    env.h.settings.current = {
      ...env.h.settings.current,
      providers: [{ id: 'old', label: 'Old', kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: '' } as never],
    };
    expect((await env.h.call('app:settings/get', {})).providers).toEqual([expect.objectContaining({ id: 'old', embeddingModel: '' })]);
    await simulatorProvider('openai-compatible', MODEL);
    expect((await env.h.call('app:settings/get', {})).providers).toEqual([expect.objectContaining({ id: 'sim', embeddingModel: MODEL })]);
  });

  it('gives the store vectors when the window indexes Knowledge, so search is hybrid', async () => {
    await simulatorProvider('openai-compatible', MODEL);
    const { project, projectPath, nodeId } = await savedProject();
    const { report } = await env.h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(report).toMatchObject({ added: 2, problems: [] });
    expect(env.h.events.some((e) => e.type === 'knowledge.progress' && e.nodeId === nodeId && e.phase === 'embeddings')).toBe(true);

    await withIndex(async (index) => {
      const embedder = simulatorEmbedder();
      expect(index.store(`fs:${nodeId}`)?.embedderId).toBe(embedder.id);
      const vector = await index.search(`fs:${nodeId}`, 'moon oceans tides', { mode: 'vector', maxResults: 2, embedder });
      expect(vector[0]).toMatchObject({ fileName: 'tides.md' });
      const hybrid = await index.search(`fs:${nodeId}`, 'moon oceans tides', { mode: 'hybrid', maxResults: 2, embedder });
      expect(hybrid[0]).toMatchObject({ fileName: 'tides.md' });
    });
  });

  it('indexes keyword-only, and says so, when the provider has no embedding model or cannot be reached', async () => {
    await simulatorProvider('openai-compatible', '');
    const { project, projectPath, nodeId } = await savedProject();
    expect((await env.h.call('app:knowledge/sync', { project, projectPath, nodeId })).report).toMatchObject({ added: 2, problems: [] });

    // A provider with a model but no key: the files are still indexed, and the node hears why vectors are missing.
    await env.h.call('app:settings/update', {
      providers: [{ id: 'sim', label: 'Simulator', kind: 'openai', baseUrl: env.sim.baseURL, apiKeyEnv: '', embeddingModel: MODEL }],
    });
    await env.h.call('app:secrets/clear', { providerId: 'sim' });
    await writeFile(path.join(path.dirname(projectPath), 'docs', 'more.md'), 'More about tides.\n');
    const { report } = await env.h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(report).toMatchObject({ added: 1, unchanged: 2 });
    expect(report.problems).toEqual([{ nodeId, path: 'vectors', message: expect.stringMatching(/keyword search only: Add an API key/) }]);
    await withIndex(async (index) => expect(index.store(`fs:${nodeId}`)?.embedderId).toBeNull());
  });

  it("embeds the Knowledge a run indexes with the run provider's embedding model", async () => {
    await simulatorProvider('openai-compatible', MODEL);
    const { project, projectPath, assistantId, nodeId } = await savedProject();
    env.sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'why do tides rise' } }] }, { text: 'The moon.' });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const { run } = await env.h.call('app:runs/create', { project, projectPath, assistantNodeId: assistantId, threadId: thread.id, message: 'Why tides?' });
    await env.h.until(run.id, 'thread.run.completed', 30_000);
    // The run's steps reach the database shortly after its last event.
    const search = await vi.waitFor(async () => {
      const call = toolCallsOf((await env.h.call('app:runs/steps', { runId: run.id })).steps)[0];
      if (call?.type !== 'file_search') throw new Error('the file_search step is not stored yet');
      return call;
    });
    expect(search.file_search.results?.[0]).toMatchObject({ file_name: 'tides.md' });
    expect(search.file_search.problems ?? []).toEqual([]);
    await withIndex(async (index) => expect(index.store(`fs:${nodeId}`)?.embedderId).toBe(simulatorEmbedder().id));
  }, 30_000);
});

describe('app:fileSearch/deleteRemote', () => {
  it('deletes the OpenAI vector store and files a run synced for a File Search node', async () => {
    await simulatorProvider('openai', '');
    const { project, projectPath, assistantId, nodeId } = await savedProject({ index: 'openai' });
    env.sim.script({ fileSearch: { queries: ['tides'] }, text: 'The moon pulls them.' });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const { run } = await env.h.call('app:runs/create', { project, projectPath, assistantNodeId: assistantId, threadId: thread.id, message: 'Why tides?' });
    await env.h.until(run.id, 'thread.run.completed', 30_000);

    const client = new OpenAI({ apiKey: KEY, baseURL: env.sim.baseURL, maxRetries: 0 });
    const before = await all(client.vectorStores.list());
    expect(before).toHaveLength(1);
    expect(await all(client.files.list())).toHaveLength(2);

    expect(await env.h.call('app:fileSearch/deleteRemote', { nodeId, providerId: 'sim' })).toEqual({});
    expect(await all(client.vectorStores.list())).toEqual([]);
    expect(await all(client.files.list())).toEqual([]);
    // Nothing is left to delete: a second request is harmless.
    expect(await env.h.call('app:fileSearch/deleteRemote', { nodeId, providerId: 'sim' })).toEqual({});
    expect(await env.h.refuse('app:fileSearch/deleteRemote', { nodeId, providerId: 'nobody' })).toMatchObject({ code: 'E_NOT_FOUND' });
  }, 30_000);
});

describe('unsandboxed Python', () => {
  it('is off by default, switches on and off, and reads as off when the stored value is unreadable', async () => {
    expect((await env.h.call('app:settings/get', {})).allowUnsandboxedPython).toBe(false);
    expect((await env.h.call('app:settings/update', { allowUnsandboxedPython: true })).allowUnsandboxedPython).toBe(true);
    expect(env.h.settings.current.allowUnsandboxedPython).toBe(true);
    // Other updates leave it as it is.
    expect((await env.h.call('app:settings/update', { theme: 'dark' })).allowUnsandboxedPython).toBe(true);
    expect((await env.h.call('app:settings/update', { allowUnsandboxedPython: false })).allowUnsandboxedPython).toBe(false);
    // A hand-edited or older settings file without it reads as off.
    env.h.settings.current = { ...env.h.settings.current, allowUnsandboxedPython: 'yes' as never };
    expect((await env.h.call('app:settings/get', {})).allowUnsandboxedPython).toBe(false);
  });
});

describe('unsandboxed Function handlers', () => {
  it('are off by default, switch on and off apart from Python, and read as off when the stored value is unreadable', async () => {
    expect((await env.h.call('app:settings/get', {})).allowUnsandboxedHandlers).toBe(false);
    const on = await env.h.call('app:settings/update', { allowUnsandboxedHandlers: true });
    expect(on).toMatchObject({ allowUnsandboxedHandlers: true, allowUnsandboxedPython: false });
    expect(env.h.settings.current.allowUnsandboxedHandlers).toBe(true);
    expect((await env.h.call('app:settings/update', { theme: 'dark' })).allowUnsandboxedHandlers).toBe(true);
    expect((await env.h.call('app:settings/update', { allowUnsandboxedHandlers: false })).allowUnsandboxedHandlers).toBe(false);
    env.h.settings.current = { ...env.h.settings.current, allowUnsandboxedHandlers: 'yes' as never };
    expect((await env.h.call('app:settings/get', {})).allowUnsandboxedHandlers).toBe(false);
  });
});
