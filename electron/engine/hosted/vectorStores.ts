import { setTimeout as sleep } from 'node:timers/promises';
import type { FileSearchToolConfig } from '../compile/types.ts';
import { deleteQuietly, messageOf, uploadKnowledge, type HostedContext, type HostedProblem, type UploadWhere } from './uploads.ts';

/** How far a sync got: files indexed (or refused) out of the node's files. */
export interface SyncProgress {
  nodeId: string;
  done: number;
  total: number;
}

export interface SyncOptions extends UploadWhere {
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncResult {
  /** Null when the node has no Knowledge files and no store yet: there is nothing to make one for. */
  vectorStoreId: string | null;
  problems: HostedProblem[];
}

// Used when a batch answer carries no `openai-poll-after-ms` (the SDK's helpers wait as long).
const DEFAULT_POLL_MS = 1000;

type Chunking = FileSearchToolConfig['chunking'];

function chunkingStrategy(chunking: Chunking) {
  return chunking.type === 'auto'
    ? { type: 'auto' as const }
    : { type: 'static' as const, static: { max_chunk_size_tokens: chunking.maxChunkSizeTokens, chunk_overlap_tokens: chunking.chunkOverlapTokens } };
}

/**
 * OpenAI vector stores for File Search nodes with `index: 'openai'`: one store per node holding its
 * Knowledge files. A sync uploads only files whose content changed, detaches and deletes the ones
 * replaced or removed, and makes a new store when the chunking changed (it applies when a file is attached).
 */
export class VectorStoreSync {
  readonly #ctx: HostedContext;
  /** A sync per node in flight, shared by runs that need the same store at once. */
  readonly #running = new Map<string, Promise<SyncResult>>();

  constructor(ctx: HostedContext) {
    this.#ctx = ctx;
  }

  sync(tool: FileSearchToolConfig, options: SyncOptions): Promise<SyncResult> {
    const pending = this.#running.get(tool.nodeId);
    if (pending !== undefined) return pending;
    const started = this.#sync(tool, options).finally(() => this.#running.delete(tool.nodeId));
    this.#running.set(tool.nodeId, started);
    return started;
  }

  /** Deletes the node's remote vector store and uploaded files (when the node is removed from the project). */
  async deleteRemote(nodeId: string): Promise<void> {
    const { client, origin, records } = this.#ctx;
    const store = records.vectorStore(origin, nodeId);
    if (store) await deleteQuietly(() => client.vectorStores.delete(store.vectorStoreId));
    records.removeVectorStore(origin, nodeId);
    for (const file of records.files(origin, nodeId).values()) {
      await deleteQuietly(() => client.files.delete(file.fileId));
      records.removeFile(origin, nodeId, file.path);
    }
  }

  async #sync(tool: FileSearchToolConfig, options: SyncOptions): Promise<SyncResult> {
    const { client, origin, records } = this.#ctx;
    const { signal } = options;
    const chunking = JSON.stringify(chunkingStrategy(tool.chunking));
    let store = records.vectorStore(origin, tool.nodeId);
    if (store && (store.chunking !== chunking || !(await this.#exists(store.vectorStoreId, signal)))) {
      await deleteQuietly(() => client.vectorStores.delete(store!.vectorStoreId, { signal }));
      records.removeVectorStore(origin, tool.nodeId);
      store = null;
    }
    const upload = await uploadKnowledge(this.#ctx, tool.nodeId, tool.knowledge, options);
    if (!store && upload.files.length === 0) return { vectorStoreId: null, problems: upload.problems };
    const fresh = store === null;
    if (!store) {
      const created = await client.vectorStores.create(
        { name: `Assistant Studio ${tool.nodeId}`, chunking_strategy: chunkingStrategy(tool.chunking) },
        { signal },
      );
      store = { vectorStoreId: created.id, chunking };
      records.putVectorStore(origin, tool.nodeId, created.id, chunking);
    }
    const vectorStoreId = store.vectorStoreId;
    for (const file of upload.stale) {
      await deleteQuietly(() => client.vectorStores.files.delete(file.fileId, { vector_store_id: vectorStoreId }, { signal }));
      await deleteQuietly(() => client.files.delete(file.fileId, { signal }));
    }
    // A new store needs every file; an existing one only the new uploads.
    const toAttach = fresh ? upload.files : upload.uploaded;
    const total = upload.files.length;
    const unchanged = total - toAttach.length;
    options.onProgress?.({ nodeId: tool.nodeId, done: unchanged, total });
    const problems = [...upload.problems];
    if (toAttach.length > 0)
      problems.push(
        ...(await this.#attach(
          vectorStoreId,
          tool,
          toAttach.map((f) => f.fileId),
          unchanged,
          total,
          options,
        )),
      );
    const byId = new Map(upload.files.map((f) => [f.fileId, f.path]));
    return { vectorStoreId, problems: problems.map((p) => ({ ...p, path: byId.get(p.path) ?? p.path })) };
  }

  async #exists(vectorStoreId: string, signal: AbortSignal): Promise<boolean> {
    try {
      const store = await this.#ctx.client.vectorStores.retrieve(vectorStoreId, { signal });
      return store.status !== 'expired';
    } catch (error) {
      if (error instanceof Error && 'status' in error && error.status === 404) return false;
      throw error;
    }
  }

  /** Attaches files in one batch and polls it as the API asks (`openai-poll-after-ms`), reporting progress. */
  async #attach(
    vectorStoreId: string,
    tool: FileSearchToolConfig,
    fileIds: string[],
    unchanged: number,
    total: number,
    options: SyncOptions,
  ): Promise<HostedProblem[]> {
    const { client } = this.#ctx;
    const { signal } = options;
    // The store's own strategy covers only files given when it is made; each batch names it again.
    const first = await client.vectorStores.fileBatches
      .create(vectorStoreId, { file_ids: fileIds, chunking_strategy: chunkingStrategy(tool.chunking) }, { signal })
      .withResponse();
    let batch = first.data;
    let pollAfter = first.response.headers.get('openai-poll-after-ms');
    while (batch.status === 'in_progress') {
      options.onProgress?.({ nodeId: tool.nodeId, done: unchanged + batch.file_counts.completed + batch.file_counts.failed, total });
      await sleep(Number(pollAfter) || DEFAULT_POLL_MS, undefined, { signal });
      const next = await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: vectorStoreId }, { signal }).withResponse();
      batch = next.data;
      pollAfter = next.response.headers.get('openai-poll-after-ms');
    }
    options.onProgress?.({ nodeId: tool.nodeId, done: total, total });
    if (batch.file_counts.failed === 0 && batch.status === 'completed') return [];
    const problems: HostedProblem[] = [];
    try {
      for await (const file of client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: vectorStoreId, filter: 'failed' }, { signal })) {
        // The path is filled in by the caller, which knows which local file this id is.
        problems.push({ node_id: tool.nodeId, path: file.id, message: `OpenAI could not index the file: ${file.last_error?.message ?? 'no reason given'}` });
      }
    } catch (error) {
      problems.push({ node_id: tool.nodeId, path: '', message: `Some files could not be indexed, and listing them failed: ${messageOf(error)}` });
    }
    if (batch.status !== 'completed') problems.push({ node_id: tool.nodeId, path: '', message: `The file batch ended ${batch.status}.` });
    return problems;
  }
}
