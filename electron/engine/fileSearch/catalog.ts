import type { DatabaseSync } from 'node:sqlite';
import { randomId } from '../../../shared/ids.ts';
import { newFileId } from '../../../shared/runtime/objects.ts';
import type { VectorTables } from './vectors.ts';
import type { ChunkingStrategy, FileStatus, IndexedFile, LocalStore, TextChunk } from './types.ts';

interface StoreRow {
  id: string;
  name: string;
  chunking: string;
  embedder_id: string | null;
  embedding_dims: number | null;
  created_at: number;
}

interface FileRow {
  id: string;
  path: string;
  name: string;
  size: number;
  hash: string | null;
  status: FileStatus;
  error: string | null;
  chunk_count: number;
  indexed_at: number;
}

/** A chunk about to be written, with its analysed terms and text hash. */
export interface PreparedChunk extends TextChunk {
  terms: string[];
  textHash: string;
}

/** Stores with their embedding settings, as the index needs them internally. */
export interface StoreRecord extends LocalStore {
  embeddingDims: number | null;
}

const toStore = (row: StoreRow): StoreRecord => ({
  id: row.id,
  name: row.name,
  chunking: JSON.parse(row.chunking) as ChunkingStrategy,
  embedderId: row.embedder_id,
  embeddingDims: row.embedding_dims,
  createdAt: row.created_at,
});

const toFile = (row: FileRow): IndexedFile => ({
  id: row.id,
  path: row.path,
  name: row.name,
  size: row.size,
  hash: row.hash,
  status: row.status,
  error: row.error,
  chunkCount: row.chunk_count,
  indexedAt: row.indexed_at,
});

/** The synchronous reads and writes of the `fs_` tables; every multi-row change is one transaction. */
export class Catalog {
  readonly #db: DatabaseSync;
  readonly #vectors: VectorTables | null;
  readonly #now: () => number;

  constructor(db: DatabaseSync, vectors: VectorTables | null, now: () => number) {
    this.#db = db;
    this.#vectors = vectors;
    this.#now = now;
  }

  transaction<T>(fn: () => T): T {
    const nested = this.#db.isTransaction;
    this.#db.exec(nested ? 'SAVEPOINT fs_write' : 'BEGIN');
    try {
      const result = fn();
      this.#db.exec(nested ? 'RELEASE fs_write' : 'COMMIT');
      return result;
    } catch (error) {
      this.#db.exec(nested ? 'ROLLBACK TO fs_write; RELEASE fs_write' : 'ROLLBACK');
      throw error;
    }
  }

  store(name: string): StoreRecord | null {
    const row = this.#db.prepare('SELECT * FROM fs_stores WHERE name = ?').get(name) as StoreRow | undefined;
    return row ? toStore(row) : null;
  }

  storeById(id: string): StoreRecord | null {
    const row = this.#db.prepare('SELECT * FROM fs_stores WHERE id = ?').get(id) as StoreRow | undefined;
    return row ? toStore(row) : null;
  }

  stores(): StoreRecord[] {
    return (this.#db.prepare('SELECT * FROM fs_stores ORDER BY created_at, name').all() as unknown as StoreRow[]).map(toStore);
  }

  createStore(name: string, chunking: ChunkingStrategy): StoreRecord {
    const id = randomId('vs_', 24);
    this.#db.prepare('INSERT INTO fs_stores (id, name, chunking, created_at) VALUES (?, ?, ?, ?)').run(id, name, JSON.stringify(chunking), this.#now());
    return this.store(name)!;
  }

  setChunking(storeId: string, chunking: ChunkingStrategy): void {
    this.#db.prepare('UPDATE fs_stores SET chunking = ? WHERE id = ?').run(JSON.stringify(chunking), storeId);
  }

  /** Switches a store to another embedder: its old vectors go, every chunk waits for a new one. */
  setEmbedder(store: StoreRecord, embedderId: string): void {
    this.transaction(() => {
      if (store.embeddingDims !== null) this.#vectors?.removeStore(store.embeddingDims, store.id);
      this.#db.prepare('UPDATE fs_chunks SET embedded = 0 WHERE store_id = ?').run(store.id);
      this.#db.prepare('UPDATE fs_stores SET embedder_id = ?, embedding_dims = NULL WHERE id = ?').run(embedderId, store.id);
    });
  }

  /** Records the vector size, known once the first vector of a new embedder arrives. */
  setDimensions(storeId: string, dims: number): void {
    this.#db.prepare('UPDATE fs_stores SET embedding_dims = ? WHERE id = ?').run(dims, storeId);
  }

  removeStore(store: StoreRecord): void {
    this.transaction(() => {
      for (const file of this.files(store.id)) this.#removeChunks(file.id, store.embeddingDims);
      this.#db.prepare('DELETE FROM fs_files WHERE store_id = ?').run(store.id);
      this.#db.prepare('DELETE FROM fs_stores WHERE id = ?').run(store.id);
    });
  }

  files(storeId: string): IndexedFile[] {
    return (this.#db.prepare('SELECT * FROM fs_files WHERE store_id = ? ORDER BY path').all(storeId) as unknown as FileRow[]).map(toFile);
  }

  removeFile(fileId: string, dims: number | null): void {
    this.transaction(() => {
      this.#removeChunks(fileId, dims);
      this.#db.prepare('DELETE FROM fs_files WHERE id = ?').run(fileId);
    });
  }

  /** Replaces a file's chunks (or records why it could not be read); keeps the file id of a known path. */
  writeFile(
    store: StoreRecord,
    file: { path: string; name: string; size: number; hash: string | null },
    outcome: { chunks: PreparedChunk[] } | { error: string },
  ): string {
    return this.transaction(() => {
      const existing = this.#db.prepare('SELECT id FROM fs_files WHERE store_id = ? AND path = ?').get(store.id, file.path) as { id: string } | undefined;
      const fileId = existing?.id ?? newFileId();
      if (existing) this.#removeChunks(fileId, store.embeddingDims);
      const failed = 'error' in outcome;
      this.#db
        .prepare(`INSERT INTO fs_files (id, store_id, path, name, size, hash, status, error, chunk_count, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET name = excluded.name, size = excluded.size, hash = excluded.hash, status = excluded.status,
          error = excluded.error, chunk_count = excluded.chunk_count, indexed_at = excluded.indexed_at`)
        .run(
          fileId,
          store.id,
          file.path,
          file.name,
          file.size,
          file.hash,
          failed ? 'failed' : 'indexed',
          failed ? outcome.error : null,
          failed ? 0 : outcome.chunks.length,
          this.#now(),
        );
      if (!failed) {
        const insertChunk =
          this.#db.prepare(`INSERT INTO fs_chunks (store_id, file_id, seq, text, text_hash, token_start, token_end, char_start, char_end, term_count)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        const insertTerms = this.#db.prepare('INSERT INTO fs_fts (rowid, terms) VALUES (?, ?)');
        for (const chunk of outcome.chunks) {
          const { lastInsertRowid } = insertChunk.run(
            store.id,
            fileId,
            chunk.seq,
            chunk.text,
            chunk.textHash,
            chunk.tokenStart,
            chunk.tokenEnd,
            chunk.charStart,
            chunk.charEnd,
            chunk.terms.length,
          );
          insertTerms.run(lastInsertRowid, chunk.terms.join(' '));
        }
      }
      return fileId;
    });
  }

  #removeChunks(fileId: string, dims: number | null): void {
    const pks = this.#db.prepare('SELECT pk FROM fs_chunks WHERE file_id = ?').all(fileId) as { pk: number }[];
    const deleteTerms = this.#db.prepare('DELETE FROM fs_fts WHERE rowid = ?');
    for (const { pk } of pks) {
      deleteTerms.run(pk);
      if (dims !== null) this.#vectors?.removeChunk(dims, pk);
    }
    this.#db.prepare('DELETE FROM fs_chunks WHERE file_id = ?').run(fileId);
  }

  /** Chunks of a store still waiting for a vector, oldest first. */
  pendingVectors(storeId: string, limit: number): { pk: number; text: string; textHash: string; tokens: number }[] {
    return (
      this.#db
        .prepare('SELECT pk, text, text_hash, token_end - token_start AS tokens FROM fs_chunks WHERE store_id = ? AND embedded = 0 ORDER BY pk LIMIT ?')
        .all(storeId, limit) as {
        pk: number;
        text: string;
        text_hash: string;
        tokens: number;
      }[]
    ).map((row) => ({ pk: row.pk, text: row.text, textHash: row.text_hash, tokens: row.tokens }));
  }

  countPendingVectors(storeId: string): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM fs_chunks WHERE store_id = ? AND embedded = 0').get(storeId) as { n: number }).n;
  }

  saveVector(store: StoreRecord, pk: number, vector: Float32Array): void {
    if (!this.#vectors || store.embeddingDims === null) throw new Error('Vectors cannot be stored: the sqlite-vec extension is not loaded.');
    this.#vectors.insert(store.embeddingDims, store.id, pk, vector);
    this.#db.prepare('UPDATE fs_chunks SET embedded = 1 WHERE pk = ?').run(pk);
  }

  /** Chunks with their files, in the order of `pks`. */
  chunks(pks: readonly number[]): ChunkRecord[] {
    const get = this.#db.prepare(`SELECT c.pk, c.file_id, c.seq, c.text, c.token_start, c.token_end, c.char_start, c.char_end, f.name, f.path
      FROM fs_chunks c JOIN fs_files f ON f.id = c.file_id WHERE c.pk = ?`);
    return pks.flatMap((pk) => {
      const row = get.get(pk) as ChunkRow | undefined;
      return row ? [toChunk(row)] : [];
    });
  }

  /** The chunks of one file, in order. */
  fileChunks(fileId: string): ChunkRecord[] {
    const rows = this.#db
      .prepare(`SELECT c.pk, c.file_id, c.seq, c.text, c.token_start, c.token_end, c.char_start, c.char_end, f.name, f.path
      FROM fs_chunks c JOIN fs_files f ON f.id = c.file_id WHERE c.file_id = ? ORDER BY c.seq`)
      .all(fileId) as unknown as ChunkRow[];
    return rows.map(toChunk);
  }

  /** A chunk by its public id (`<file id>:<seq>`), for opening a citation. */
  chunkById(chunkId: string): ChunkRecord | null {
    const split = chunkId.lastIndexOf(':');
    if (split <= 0) return null;
    const row = this.#db
      .prepare(`SELECT c.pk, c.file_id, c.seq, c.text, c.token_start, c.token_end, c.char_start, c.char_end, f.name, f.path
      FROM fs_chunks c JOIN fs_files f ON f.id = c.file_id WHERE c.file_id = ? AND c.seq = ?`)
      .get(chunkId.slice(0, split), Number(chunkId.slice(split + 1))) as ChunkRow | undefined;
    return row ? toChunk(row) : null;
  }
}

interface ChunkRow {
  pk: number;
  file_id: string;
  seq: number;
  text: string;
  token_start: number;
  token_end: number;
  char_start: number;
  char_end: number;
  name: string;
  path: string;
}

/** A stored chunk with the file it came from. */
export interface ChunkRecord {
  pk: number;
  chunkId: string;
  fileId: string;
  fileName: string;
  path: string;
  text: string;
  tokenStart: number;
  tokenEnd: number;
  charStart: number;
  charEnd: number;
}

const toChunk = (row: ChunkRow): ChunkRecord => ({
  pk: row.pk,
  chunkId: `${row.file_id}:${row.seq}`,
  fileId: row.file_id,
  fileName: row.name,
  path: row.path,
  text: row.text,
  tokenStart: row.token_start,
  tokenEnd: row.token_end,
  charStart: row.char_start,
  charEnd: row.char_end,
});
