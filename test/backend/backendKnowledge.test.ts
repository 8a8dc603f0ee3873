import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import type { AppEvent } from '../../shared/ipc/events.ts';
import { appEventSchema } from '../../shared/ipc/events.ts';
import { backendHarness, type BackendHarness } from './backendHarness.ts';
import { tempDir } from '../engine/helpers.ts';
import { builtinProject } from '../engine/runtime/builtinFixtures.ts';

let h: BackendHarness;
beforeEach(async () => {
  h = await backendHarness(await tempDir());
});
afterEach(() => h.close());

type Progress = Extract<AppEvent, { type: 'knowledge.progress' }>;
const progressOf = (nodeId: string): Progress[] => h.events.filter((e): e is Progress => e.type === 'knowledge.progress' && e.nodeId === nodeId);

/** A saved project whose File Search node indexes `docs/`, with `count` Markdown files in it. */
async function knowledgeProject(count: number, paths = ['docs']): Promise<{ project: Project; projectPath: string; nodeId: string; knowledgeId: string }> {
  const { project, toolId } = builtinProject('fileSearch', paths);
  const dir = path.join(await tempDir(), 'project');
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    await writeFile(path.join(dir, 'docs', `note-${i}.md`), `# Note ${i}\n\nThe tide table for harbour ${i} lists ${i * 7} centimetres at noon.\n`);
  }
  const projectPath = path.join(dir, 'p.assistant.json');
  await writeFile(projectPath, serializeProject(project));
  return { project, projectPath, nodeId: toolId, knowledgeId: project.nodes.find((n) => n.kind === 'knowledge')!.id };
}

describe('knowledge sync', () => {
  it('indexes the Knowledge into the store runs search, with progress, and only changed files again', async () => {
    const { project, projectPath, nodeId } = await knowledgeProject(12);
    const { report } = await h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(report).toMatchObject({ added: 12, updated: 0, unchanged: 0, removed: 0, cancelled: false, problems: [] });
    expect(report.chunksWritten).toBeGreaterThanOrEqual(12);
    const progress = progressOf(nodeId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ phase: 'files', done: 12, total: 12 });
    expect(h.events.every((e) => appEventSchema.safeParse(e).success)).toBe(true);

    await writeFile(path.join(path.dirname(projectPath), 'docs', 'note-3.md'), '# Note 3\n\nChanged.\n');
    const again = await h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(again.report).toMatchObject({ added: 0, updated: 1, unchanged: 11, removed: 0 });
  });

  it('reports a path that matches nothing on its Knowledge node, and indexes the rest', async () => {
    const { project, projectPath, nodeId, knowledgeId } = await knowledgeProject(2, ['docs', 'missing.md']);
    const { report } = await h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(report.added).toBe(2);
    expect(report.problems).toEqual([{ nodeId: knowledgeId, path: 'missing.md', message: expect.any(String) }]);
  });

  it('leaves the store alone for an unsaved project with relative paths, and says why', async () => {
    const { project, nodeId, knowledgeId } = await knowledgeProject(1);
    const { report } = await h.call('app:knowledge/sync', { project, projectPath: null, nodeId });
    expect(report).toMatchObject({
      added: 0,
      removed: 0,
      cancelled: false,
      problems: [{ nodeId: knowledgeId, path: 'docs', message: expect.stringMatching(/not saved/) }],
    });
  });

  it('refuses nodes that are not File Search, hosted stores and invalid projects', async () => {
    const { project, projectPath, nodeId, knowledgeId } = await knowledgeProject(1);
    expect(await h.refuse('app:knowledge/sync', { project, projectPath, nodeId: knowledgeId })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await h.refuse('app:knowledge/sync', { project, projectPath, nodeId: 'nothing' })).toMatchObject({ code: 'E_NOT_FOUND' });
    const hosted = { ...project, nodes: project.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, index: 'openai' } } : n)) } as Project;
    expect(await h.refuse('app:knowledge/sync', { project: hosted, projectPath, nodeId })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/vector store/),
    });
    const broken = {
      ...project,
      nodes: project.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, chunking: 'static', chunkSize: 100, chunkOverlap: 90 } } : n)),
    } as Project;
    expect(await h.refuse('app:knowledge/sync', { project: broken, projectPath, nodeId })).toMatchObject({
      code: expect.stringMatching(/^E_(INVALID_REQUEST|PROJECT_INVALID)$/),
    });
    expect(await h.refuse('app:knowledge/sync', { project, projectPath: 'relative/p.assistant.json', nodeId })).toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('stops when cancelled, keeping what was indexed, and the next sync finishes the job', async () => {
    const { project, projectPath, nodeId } = await knowledgeProject(400);
    const syncing = h.call('app:knowledge/sync', { project, projectPath, nodeId });
    await vi.waitFor(() => expect(progressOf(nodeId).length).toBeGreaterThan(0), { timeout: 10_000, interval: 2 });
    expect(await h.call('app:knowledge/cancel', { nodeId })).toEqual({ cancelled: true });
    const { report } = await syncing;
    expect(report.cancelled).toBe(true);
    expect(report.added).toBeLessThan(400);

    expect(await h.call('app:knowledge/cancel', { nodeId })).toEqual({ cancelled: false });
    const rest = await h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(rest.report).toMatchObject({ cancelled: false });
    expect(rest.report.added + rest.report.unchanged).toBe(400);
  });

  it('refuses a second sync of the same node while one is running', async () => {
    const { project, projectPath, nodeId } = await knowledgeProject(200);
    const first = h.call('app:knowledge/sync', { project, projectPath, nodeId });
    expect(await h.refuse('app:knowledge/sync', { project, projectPath, nodeId })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/already/),
    });
    expect((await first).report.added).toBe(200);
  });
});
