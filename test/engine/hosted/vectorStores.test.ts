import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FileSearchToolConfig } from '../../../electron/engine/compile/types.ts';
import type { SyncProgress } from '../../../electron/engine/hosted/index.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { projectFolder } from '../runtime/builtinFixtures.ts';
import { all, hostedOn } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  // Files stay in_progress a while, so the sync has to poll the batch.
  sim = await startSimulator({ indexingDelayMs: 150 });
});
afterAll(() => sim.close());

const tool = (chunking: FileSearchToolConfig['chunking']): FileSearchToolConfig => ({
  type: 'file_search',
  nodeId: 'fs_node',
  maxResults: 5,
  ranker: 'auto',
  scoreThreshold: 0,
  chunking,
  index: 'openai',
  vectorStoreIds: [],
  knowledge: [{ nodeId: 'kn_node', title: 'Docs', paths: ['docs'], fileTypes: [] }],
  stores: [],
});
const STATIC = { type: 'static', maxChunkSizeTokens: 200, chunkOverlapTokens: 50 } as const;

describe('vector store sync', () => {
  let hosted: ReturnType<typeof hostedOn>;
  let folder: ReturnType<typeof projectFolder>;
  beforeEach(() => {
    sim.reset();
    hosted = hostedOn(sim);
    folder = projectFolder({ 'docs/a.md': 'Alpha widgets are blue.\n', 'docs/b.md': 'Beta widgets are green.\n', 'docs/c.md': 'Gamma widgets are red.\n' });
  });
  afterEach(() => {
    hosted.dispose();
    folder.dispose();
  });

  const sync = async (chunking: FileSearchToolConfig['chunking'], progress: SyncProgress[] = []) => {
    const result = await hosted.services.vectorStores.sync(tool(chunking), {
      baseDir: folder.dir,
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
    });
    if (result.vectorStoreId === null) throw new Error('the sync made no store');
    return { ...result, vectorStoreId: result.vectorStoreId };
  };

  it('uploads the Knowledge into a new store with the node chunking and reports progress', async () => {
    const progress: SyncProgress[] = [];
    const result = await sync(STATIC, progress);
    expect(result.problems).toEqual([]);
    const files = await all(hosted.client.vectorStores.files.list(result.vectorStoreId));
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.status === 'completed')).toBe(true);
    expect(files[0]!.chunking_strategy).toEqual({ type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } });
    expect(progress[0]).toEqual({ nodeId: 'fs_node', done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ nodeId: 'fs_node', done: 3, total: 3 });
    const found = await hosted.client.vectorStores.search(result.vectorStoreId, { query: 'green widgets' });
    expect(found.data[0]?.filename).toBe('b.md');
  });

  it('uploads only changed files again, and detaches and deletes removed and replaced ones', async () => {
    const first = await sync(STATIC);
    const before = await all(hosted.client.files.list());
    expect(before).toHaveLength(3);
    writeFileSync(path.join(folder.dir, 'docs/a.md'), 'Alpha widgets are purple now.\n');
    rmSync(path.join(folder.dir, 'docs/c.md'));
    const second = await sync(STATIC);
    expect(second.vectorStoreId).toBe(first.vectorStoreId);
    const after = await all(hosted.client.files.list());
    // b.md kept its upload; a.md was uploaded again; the old a.md and c.md are gone.
    expect(after).toHaveLength(2);
    const kept = before.filter((f) => after.some((a) => a.id === f.id)).map((f) => f.filename);
    expect(kept).toEqual(['b.md']);
    const attached = await all(hosted.client.vectorStores.files.list(second.vectorStoreId));
    expect(attached.map((f) => f.id).sort()).toEqual(after.map((f) => f.id).sort());
    const found = await hosted.client.vectorStores.search(second.vectorStoreId, { query: 'purple' });
    expect(found.data[0]?.filename).toBe('a.md');
    // Nothing changed: nothing is uploaded.
    await sync(STATIC);
    expect((await all(hosted.client.files.list())).map((f) => f.id).sort()).toEqual(after.map((f) => f.id).sort());
  });

  it('makes a new store when the chunking changes', async () => {
    const first = await sync(STATIC);
    const second = await sync({ type: 'auto' });
    expect(second.vectorStoreId).not.toBe(first.vectorStoreId);
    await expect(hosted.client.vectorStores.retrieve(first.vectorStoreId)).rejects.toMatchObject({ status: 404 });
    const files = await all(hosted.client.vectorStores.files.list(second.vectorStoreId));
    expect(files).toHaveLength(3);
    expect(files[0]!.chunking_strategy).toEqual({ type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } });
  });

  it('reports a file the store cannot index while indexing the others', async () => {
    writeFileSync(path.join(folder.dir, 'docs/empty.txt'), '');
    const result = await sync({ type: 'auto' });
    expect(result.problems).toEqual([{ node_id: 'fs_node', path: 'docs/empty.txt', message: expect.stringContaining('OpenAI could not index the file') }]);
    const files = await all(hosted.client.vectorStores.files.list(result.vectorStoreId, { filter: 'completed' }));
    expect(files).toHaveLength(3);
  });

  it('makes no store for a node without Knowledge files', async () => {
    const result = await hosted.services.vectorStores.sync(
      { ...tool({ type: 'auto' }), knowledge: [] },
      { baseDir: folder.dir, signal: new AbortController().signal },
    );
    expect(result).toEqual({ vectorStoreId: null, problems: [] });
    expect(await all(hosted.client.vectorStores.list())).toEqual([]);
  });

  it('deletes the remote store and files of a node', async () => {
    const result = await sync(STATIC);
    await hosted.services.vectorStores.deleteRemote('fs_node');
    await expect(hosted.client.vectorStores.retrieve(result.vectorStoreId)).rejects.toMatchObject({ status: 404 });
    expect(await all(hosted.client.files.list())).toEqual([]);
    // The records went too: the next sync starts over.
    const again = await sync(STATIC);
    expect(again.vectorStoreId).not.toBe(result.vectorStoreId);
    expect(await all(hosted.client.files.list())).toHaveLength(3);
  });
});
