import { createHash } from 'node:crypto';
import type { VectorStoreFile, VectorStoreFileError } from '../../../shared/runtime/vectorStores.ts';
import type { IngestSource } from '../fileSearch/sources.ts';
import type { ChunkingStrategy, IndexedFile } from '../fileSearch/types.ts';
import { refreshAll } from './tally.ts';
import type { VectorStoresDeps } from './types.ts';

/**
 * Files taken into one indexing pass. A file becomes `completed` when the pass that indexed it ends, so
 * smaller passes report progress sooner; each pass also walks the store's finished files (skipped
 * unread, by their recorded hash), which bigger passes do less often.
 */
const PASS_FILES = 16;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The index's chunking for a file's `chunking_strategy` (always static: `auto` is stored as its sizes). */
function indexChunking(strategy: VectorStoreFile['chunking_strategy']): ChunkingStrategy {
  if (strategy.type !== 'static') return { type: 'auto' };
  return { type: 'static', maxChunkSizeTokens: strategy.static.max_chunk_size_tokens, chunkOverlapTokens: strategy.static.chunk_overlap_tokens };
}

export type IngestionDeps = Pick<VectorStoresDeps, 'store' | 'fileIndex' | 'files' | 'embedder' | 'log'>;

type Outcome = Pick<VectorStoreFile, 'status' | 'last_error' | 'usage_bytes'>;

const failed = (code: VectorStoreFileError['code'], message: string): Outcome => ({ status: 'failed', last_error: { code, message }, usage_bytes: 0 });

/** What the index recorded of a file; null when the pass ended before reaching it. */
function outcomeOf(indexed: IndexedFile | undefined, readFailure: string | undefined): Outcome | null {
  if (!indexed) return null;
  // The index records why a file could not be read; when its bytes could not even be fetched, that is ours, not the file's.
  if (indexed.status === 'failed')
    return readFailure !== undefined ? failed('server_error', readFailure) : failed('invalid_file', indexed.error ?? 'The file could not be read.');
  if (indexed.chunkCount === 0) return failed('invalid_file', 'The file holds no text to search.');
  return { status: 'completed', last_error: null, usage_bytes: indexed.size };
}

/**
 * Indexes vector store files in the background, one pass at a time per store: `FileIndex.index`
 * syncs a store to the full list of its files and refuses a second run on the same store, so each
 * pass is given every file the store should hold (its completed files and the next waiting ones) and
 * changes made meanwhile are picked up by the next pass.
 */
export class Ingestion {
  readonly #deps: IngestionDeps;
  /** Stores with changes no pass has seen yet. */
  readonly #dirty = new Set<string>();
  /** The loop of passes per store, while it runs. */
  readonly #running = new Map<string, Promise<void>>();
  /** The pass in flight per store, with the waiting files it took. */
  readonly #passes = new Map<string, { controller: AbortController; fileIds: ReadonlySet<string> }>();
  #closed = false;

  constructor(deps: IngestionDeps) {
    this.#deps = deps;
  }

  /** Asks for a pass over the store (after the current turn, so several changes share one). */
  schedule(vectorStoreId: string): void {
    if (this.#closed) return;
    this.#dirty.add(vectorStoreId);
    if (this.#running.has(vectorStoreId)) return;
    const loop = this.#drain(vectorStoreId).finally(() => {
      this.#running.delete(vectorStoreId);
      // A change made between the loop's last check and now would otherwise wait for the next one.
      if (this.#dirty.has(vectorStoreId)) this.schedule(vectorStoreId);
    });
    this.#running.set(vectorStoreId, loop);
  }

  /** Stops the pass in flight when it is indexing any of these files (they were cancelled); the next pass leaves them out. */
  interrupt(vectorStoreId: string, fileIds: readonly string[]): void {
    const pass = this.#passes.get(vectorStoreId);
    if (pass && fileIds.some((id) => pass.fileIds.has(id))) pass.controller.abort();
    this.schedule(vectorStoreId);
  }

  /** The store is gone: its index store is removed now, or by the next pass when one is running. */
  drop(vectorStoreId: string): void {
    const pass = this.#passes.get(vectorStoreId);
    if (pass) {
      pass.controller.abort();
      this.schedule(vectorStoreId);
    } else {
      this.#deps.fileIndex.removeStore(vectorStoreId);
    }
  }

  async idle(vectorStoreId?: string): Promise<void> {
    if (vectorStoreId === undefined) {
      while (this.#running.size > 0) await Promise.all(this.#running.values());
    } else {
      while (this.#running.has(vectorStoreId)) await this.#running.get(vectorStoreId);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const pass of this.#passes.values()) pass.controller.abort();
    await this.idle();
  }

  async #drain(vectorStoreId: string): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.#closed && this.#dirty.delete(vectorStoreId)) {
      try {
        if (await this.#pass(vectorStoreId)) this.#dirty.add(vectorStoreId);
      } catch (error) {
        this.#deps.log?.error(`Indexing the vector store ${vectorStoreId} failed`, error);
      }
    }
  }

  /** One pass; true when files are still waiting. */
  async #pass(vectorStoreId: string): Promise<boolean> {
    const { store, fileIndex } = this.#deps;
    if (!store.vectorStores.get(vectorStoreId)) {
      fileIndex.removeStore(vectorStoreId);
      return false;
    }
    const files = store.vectorStoreFiles.listByStore(vectorStoreId);
    const waiting = files.filter((file) => file.status === 'in_progress');
    const taken = waiting.slice(0, PASS_FILES);
    const wanted = [...files.filter((file) => file.status === 'completed'), ...taken];
    if (wanted.length === 0 && !fileIndex.store(vectorStoreId)) return false;

    const known = new Map(fileIndex.files(vectorStoreId).map((file) => [file.path, file]));
    const readFailures = new Map<string, string>();
    const controller = new AbortController();
    this.#passes.set(vectorStoreId, { controller, fileIds: new Set(taken.map((file) => file.id)) });
    // Every file of a store shares one chunking (see README.md); an empty store keeps the index's.
    const chunking = wanted[0] ? indexChunking(wanted[0].chunking_strategy) : (fileIndex.store(vectorStoreId)?.chunking ?? { type: 'auto' });
    let failure: string | null = null;
    try {
      const embedder = (await this.#deps.embedder?.()) ?? null;
      await fileIndex.index(vectorStoreId, {
        sources: wanted.map((file) => this.#source(file.id, known.get(file.id), readFailures)),
        chunking,
        embedder,
        signal: controller.signal,
      });
    } catch (error) {
      failure = messageOf(error);
    } finally {
      this.#passes.delete(vectorStoreId);
    }

    // The store may have been deleted, or files cancelled, deleted or re-added while the pass ran.
    if (!store.vectorStores.get(vectorStoreId)) {
      fileIndex.removeStore(vectorStoreId);
      return false;
    }
    const indexed = new Map(fileIndex.files(vectorStoreId).map((file) => [file.path, file]));
    let pending = waiting.length - taken.length;
    for (const file of taken) {
      const current = store.vectorStoreFiles.get(vectorStoreId, file.id);
      // A file re-attached meanwhile with the same chunking has the same outcome; with another it waits for the next pass.
      if (current?.status !== 'in_progress' || JSON.stringify(current.chunking_strategy) !== JSON.stringify(file.chunking_strategy)) continue;
      const outcome = failure !== null ? failed('server_error', failure) : outcomeOf(indexed.get(file.id), readFailures.get(file.id));
      if (outcome) store.vectorStoreFiles.put({ ...current, ...outcome });
      else pending++;
    }
    refreshAll(store, vectorStoreId);
    // A failed pass may have written chunks of files now marked failed; the next pass removes them.
    return pending > 0 || (failure !== null && taken.length > 0);
  }

  /**
   * A vector store file as the index reads it, keyed by its runtime file id. Runtime files never
   * change, so a file the index already holds is given by what the index recorded and is not read
   * again (its bytes may even be gone); a new one is read once, for its hash and then its text.
   */
  #source(fileId: string, known: IndexedFile | undefined, readFailures: Map<string, string>): IngestSource {
    if (known?.status === 'indexed' && known.hash !== null) {
      const hash = known.hash;
      return {
        path: fileId,
        name: known.name,
        size: async () => known.size,
        hash: async () => hash,
        read: async () => (await this.#deps.files.content(fileId)).bytes,
      };
    }
    const fail = (error: unknown): never => {
      readFailures.set(fileId, messageOf(error));
      throw error;
    };
    let meta: { filename: string; bytes: number } | null = null;
    let metaError: unknown = null;
    try {
      meta = this.#deps.files.get(fileId);
    } catch (error) {
      metaError = error;
    }
    let held: Uint8Array | null = null;
    const read = async (): Promise<Uint8Array> => {
      if (held) {
        const bytes = held;
        held = null;
        return bytes;
      }
      return (await this.#deps.files.content(fileId).catch(fail)).bytes;
    };
    return {
      path: fileId,
      name: meta?.filename ?? fileId,
      size: async () => (meta ? meta.bytes : fail(metaError)),
      hash: async () => {
        held = await read();
        return createHash('sha256').update(held).digest('hex');
      },
      read,
    };
  }
}
