import { AppFailure } from '../../../shared/errors.ts';
import type { Attributes, ChunkingStrategyObject, VectorStore, VectorStoreFile } from '../../../shared/runtime/vectorStores.ts';
import { AUTO_CHUNKING } from '../fileSearch/chunker.ts';
import { extensionOf, isSupported } from '../fileSearch/parsers.ts';
import type { Ingestion } from './ingestion.ts';
import { invalid, staticChunking } from './params.ts';
import { expiresAt, refreshStore } from './tally.ts';
import type { VectorStoresDeps } from './types.ts';

/** A file to attach, as its request gave it; `param` names its `chunking_strategy` in messages. */
export interface AttachEntry {
  fileId: string;
  chunking: ChunkingStrategyObject | undefined;
  attributes: Attributes | undefined;
  param: string;
}

/** What the operations on stores, files and batches share. */
export interface ServiceContext {
  deps: VectorStoresDeps;
  now: () => number;
  ingestion: Ingestion;
  /** The store (expired if its time has come); E_NOT_FOUND when there is none. */
  load(id: string): VectorStore;
  /** As `load`, refusing an expired store: it can no longer be searched or given files. */
  usable(id: string): VectorStore;
  /** Records that the store was used now, which moves its expiry on. */
  touch(store: VectorStore): VectorStore;
  /** Checks files to attach (all before any is written, so a bad one attaches none) and makes their objects. */
  prepare(vectorStoreId: string, entries: readonly AttachEntry[]): VectorStoreFile[];
  /** Writes prepared files into the store and starts indexing them. */
  attach(store: VectorStore, files: readonly VectorStoreFile[], batchId: string | null): void;
}

const describeChunking = (strategy: ChunkingStrategyObject): string =>
  strategy.type === 'static'
    ? `${strategy.static.max_chunk_size_tokens}-token chunks overlapping by ${strategy.static.chunk_overlap_tokens}`
    : 'an unknown strategy';

const sameChunking = (a: ChunkingStrategyObject, b: ChunkingStrategyObject): boolean => JSON.stringify(a) === JSON.stringify(b);

export function createContext(deps: VectorStoresDeps, ingestion: Ingestion): ServiceContext {
  const { store } = deps;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));

  const load = (id: string): VectorStore => {
    const found = store.vectorStores.get(id);
    if (!found) throw new AppFailure('E_NOT_FOUND', `No vector store found with id '${id}'.`);
    if (found.status === 'expired' || found.expires_at === null || now() < found.expires_at) return found;
    const expired: VectorStore = { ...found, status: 'expired' };
    store.vectorStores.put(expired);
    return expired;
  };

  return {
    deps,
    now,
    ingestion,
    load,
    usable(id) {
      const found = load(id);
      if (found.status === 'expired') throw invalid(`The vector store '${id}' has expired; it can no longer be searched or given files.`);
      return found;
    },
    touch(current) {
      const active = { ...current, last_active_at: now() };
      const next: VectorStore = { ...active, expires_at: expiresAt(active) };
      store.vectorStores.put(next);
      return next;
    },
    prepare(vectorStoreId, entries) {
      const replaced = new Set(entries.map((entry) => entry.fileId));
      // The index cuts every file of a store the same way, so a store's files share one strategy (README.md).
      let shared = store.vectorStoreFiles
        .listByStore(vectorStoreId)
        .find((file) => !replaced.has(file.id) && (file.status === 'in_progress' || file.status === 'completed'))?.chunking_strategy;
      const created = now();
      return entries.map((entry) => {
        const { filename } = deps.files.get(entry.fileId);
        const chunking = entry.chunking ?? shared ?? staticChunking(AUTO_CHUNKING.maxChunkSizeTokens, AUTO_CHUNKING.chunkOverlapTokens);
        if (shared && !sameChunking(chunking, shared)) {
          throw invalid(
            `Invalid '${entry.param}': the files of this vector store are cut into ${describeChunking(shared)}, and a local vector store chunks all its files the same way; leave '${entry.param}' out or give the same one (or use another vector store).`,
          );
        }
        shared = chunking;
        const supported = isSupported(filename);
        return {
          id: entry.fileId,
          object: 'vector_store.file',
          usage_bytes: 0,
          created_at: created,
          vector_store_id: vectorStoreId,
          status: supported ? 'in_progress' : 'failed',
          last_error: supported
            ? null
            : {
                code: 'unsupported_file',
                message: `Files of type '.${extensionOf(filename) || '(none)'}' cannot be searched; supported are text, Markdown, HTML, PDF, DOCX, CSV, JSON and source files.`,
              },
          chunking_strategy: chunking,
          attributes: entry.attributes ?? {},
        };
      });
    },
    attach(current, files, batchId) {
      for (const file of files) store.vectorStoreFiles.add(file, batchId);
      this.touch(current);
      refreshStore(store, current.id);
      ingestion.schedule(current.id);
    },
  };
}
