import type { DatabaseSync } from 'node:sqlite';
import * as sqliteVec from 'sqlite-vec';
import { unpackedPath } from '../asar.ts';

const MAX_DIMENSIONS = 8192;

/**
 * Loads sqlite-vec into the connection if it is not there yet. False when the connection was opened
 * without `allowExtension: true` or the extension's binary is missing for this platform; the index
 * then works keyword-only.
 */
export function loadVectorExtension(db: DatabaseSync): boolean {
  try {
    db.prepare('SELECT vec_version()').get();
    return true;
  } catch {
    // Not loaded yet.
  }
  try {
    db.loadExtension(unpackedPath(sqliteVec.getLoadablePath()));
    return true;
  } catch {
    return false;
  }
}

const toBlob = (vector: Float32Array): Uint8Array => new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
// Copied, because a BLOB's bytes need not be aligned for a Float32Array view.
const fromBlob = (blob: Uint8Array): Float32Array => new Float32Array(blob.slice().buffer);

/** The per-dimension `vec0` tables: one row per embedded chunk, partitioned by store for fast KNN. */
export class VectorTables {
  readonly #db: DatabaseSync;
  readonly #created = new Set<number>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #table(dims: number, create: boolean): string | null {
    if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) throw new RangeError(`Unsupported vector size ${dims}.`);
    const name = `fs_vec_${dims}`;
    if (this.#created.has(dims)) return name;
    const exists = this.#db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
    if (!exists) {
      if (!create) return null;
      this.#db.exec(`CREATE VIRTUAL TABLE ${name} USING vec0 (store_id TEXT PARTITION KEY, embedding FLOAT[${dims}] DISTANCE_METRIC=cosine)`);
    }
    this.#created.add(dims);
    return name;
  }

  insert(dims: number, storeId: string, chunkPk: number, vector: Float32Array): void {
    const table = this.#table(dims, true)!;
    this.#db.prepare(`INSERT INTO ${table} (rowid, store_id, embedding) VALUES (?, ?, ?)`).run(BigInt(chunkPk), storeId, toBlob(vector));
  }

  removeChunk(dims: number, chunkPk: number): void {
    const table = this.#table(dims, false);
    if (table) this.#db.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(BigInt(chunkPk));
  }

  removeStore(dims: number, storeId: string): void {
    const table = this.#table(dims, false);
    if (table) this.#db.prepare(`DELETE FROM ${table} WHERE store_id = ?`).run(storeId);
  }

  /** The `k` nearest chunks of a store by cosine distance (0 = same direction, 2 = opposite). */
  nearest(dims: number, storeId: string, query: Float32Array, k: number): { pk: number; distance: number }[] {
    const table = this.#table(dims, false);
    if (!table) return [];
    const rows = this.#db
      .prepare(`SELECT rowid AS pk, distance FROM ${table} WHERE embedding MATCH ? AND k = ? AND store_id = ? ORDER BY distance`)
      .all(toBlob(query), k, storeId) as { pk: number; distance: number }[];
    return rows.map((row) => ({ pk: Number(row.pk), distance: row.distance }));
  }

  /** Cosine distances from `query` to the given chunks' vectors (chunks without one are left out). */
  distances(dims: number, chunkPks: readonly number[], query: Float32Array): Map<number, number> {
    const table = this.#table(dims, false);
    const out = new Map<number, number>();
    if (!table || chunkPks.length === 0) return out;
    const lookup = this.#db.prepare(`SELECT vec_distance_cosine(embedding, ?) AS distance FROM ${table} WHERE rowid = ?`);
    const blob = toBlob(query);
    for (const pk of chunkPks) {
      const row = lookup.get(blob, BigInt(pk)) as { distance: number } | undefined;
      if (row) out.set(pk, row.distance);
    }
    return out;
  }
}

/** Vectors by embedder id and text hash, shared by all stores: an unchanged chunk is embedded once. */
export class EmbeddingCache {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  get(embedderId: string, textHash: string): Float32Array | null {
    const row = this.#db.prepare('SELECT vector FROM fs_embeddings WHERE embedder_id = ? AND text_hash = ?').get(embedderId, textHash) as
      | { vector: Uint8Array }
      | undefined;
    return row ? fromBlob(row.vector) : null;
  }

  put(embedderId: string, textHash: string, vector: Float32Array): void {
    this.#db.prepare('INSERT OR REPLACE INTO fs_embeddings (embedder_id, text_hash, vector) VALUES (?, ?, ?)').run(embedderId, textHash, toBlob(vector));
  }
}
