import type { DatabaseSync } from 'node:sqlite';
import { AppFailure } from '../../../shared/errors.ts';
import { Catalog, type ChunkRecord } from './catalog.ts';
import { indexStore, type IndexRequest } from './ingest.ts';
import { parseDocument, type DocumentParser } from './parsers.ts';
import { migrateFileIndex } from './schema.ts';
import { searchStore } from './search.ts';
import type { IndexedFile, IndexReport, LocalStore, SearchHit, SearchOptions } from './types.ts';
import { EmbeddingCache, loadVectorExtension, VectorTables } from './vectors.ts';

/** Files above this are refused with a message rather than read (one document is in memory at a time). */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface FileIndexOptions {
  /** Turns file bytes into text; tests wrap the default to count calls. */
  parse?: DocumentParser;
  maxFileBytes?: number;
  /** Unix seconds; injected so tests can fix the clock. */
  now?: () => number;
}

/** The local File Search index: named stores of files, chunks, terms and vectors in the app's database. */
export interface FileIndex {
  /** False when sqlite-vec could not be loaded (the database was opened without `allowExtension`). */
  readonly vectorsAvailable: boolean;
  stores(): LocalStore[];
  store(name: string): LocalStore | null;
  /** The files of a store with their status and error; empty for an unknown store. */
  files(storeName: string): IndexedFile[];
  /** Creates the store if needed and brings it up to date with `request.sources`. */
  index(storeName: string, request: IndexRequest): Promise<IndexReport>;
  search(storeName: string, query: string, options: SearchOptions): Promise<SearchHit[]>;
  /** A chunk by id, to show the passage a citation points at. */
  chunk(chunkId: string): ChunkRecord | null;
  /**
   * The text the index holds of the file at `path` in a store, its chunks joined where they overlap
   * (blank stretches between chunks are not kept); null for an unknown store or file.
   */
  fileText(storeName: string, path: string): string | null;
  /** Deletes a store with its files, chunks and vectors (cached embeddings stay). */
  removeStore(storeName: string): boolean;
}

/**
 * Opens the index on the caller's connection, creating its `fs_` tables. For vectors the connection
 * must allow extensions (`new DatabaseSync(path, { allowExtension: true })`).
 */
export function openFileIndex(db: DatabaseSync, options: FileIndexOptions = {}): FileIndex {
  migrateFileIndex(db);
  const vectorsAvailable = loadVectorExtension(db);
  const vectors = vectorsAvailable ? new VectorTables(db) : null;
  const cache = vectorsAvailable ? new EmbeddingCache(db) : null;
  const catalog = new Catalog(db, vectors, options.now ?? (() => Math.floor(Date.now() / 1000)));
  const parse = options.parse ?? parseDocument;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const busy = new Set<string>();
  const publicStore = ({ embeddingDims: _dims, ...store }: ReturnType<Catalog['stores']>[number]): LocalStore => store;

  return {
    vectorsAvailable,
    stores: () => catalog.stores().map(publicStore),
    store: (name) => {
      const store = catalog.store(name);
      return store ? publicStore(store) : null;
    },
    files: (name) => {
      const store = catalog.store(name);
      return store ? catalog.files(store.id) : [];
    },
    async index(name, request) {
      if (name.trim() === '') throw new AppFailure('E_INVALID_REQUEST', 'A store needs a name.');
      // Two runs over one store would each remove the other's files; the second waits for no one.
      if (busy.has(name)) throw new AppFailure('E_INVALID_REQUEST', `The store "${name}" is already being indexed.`);
      busy.add(name);
      try {
        const store = catalog.store(name) ?? catalog.createStore(name, request.chunking);
        return await indexStore({ catalog, cache, parse, maxFileBytes }, store, request);
      } finally {
        busy.delete(name);
      }
    },
    async search(name, query, searchOptions) {
      const store = catalog.store(name);
      if (!store) throw new AppFailure('E_NOT_FOUND', `There is no local store named "${name}".`);
      return searchStore({ db, catalog, vectors, cache }, store, query, searchOptions);
    },
    chunk: (chunkId) => catalog.chunkById(chunkId),
    fileText(name, path) {
      const store = catalog.store(name);
      const file = store ? catalog.files(store.id).find((f) => f.path === path) : undefined;
      if (!file) return null;
      let text = '';
      let end = 0;
      for (const chunk of catalog.fileChunks(file.id)) {
        if (chunk.charEnd <= end) continue;
        text += chunk.text.slice(Math.max(0, end - chunk.charStart));
        end = chunk.charEnd;
      }
      return text;
    },
    removeStore(name) {
      const store = catalog.store(name);
      if (!store) return false;
      catalog.removeStore(store);
      return true;
    },
  };
}
