import type { DatabaseSync } from 'node:sqlite';

interface FileIndexMigration {
  version: number;
  up: (db: DatabaseSync) => void;
}

/**
 * The file index's own schema history, kept apart from the run store's so either can evolve alone.
 * Append only: a shipped migration never changes.
 *
 * Notes on the layout:
 * - `fs_fts` holds each chunk's analysed terms (stemmed, stop words removed; see analyzer.ts), not its
 *   text, and is contentless: it serves as the inverted index, read through the `fs_fts_postings`
 *   vocabulary view; BM25 itself is computed in keyword.ts. Its tokenizer only splits the terms apart
 *   again: `ascii` leaves non-ASCII characters alone (`unicode61` would split words at combining
 *   marks and fold case differently from JavaScript), and the `tokenchars` are those analyzer.ts
 *   keeps inside a term.
 * - Vectors live in one `vec0` table per dimension (`fs_vec_<dims>`), created when first needed,
 *   because sqlite-vec fixes the dimension per table and the extension may not be loaded at all.
 * - `fs_chunks_lengths` covers the per-store length statistics BM25 reads on every query.
 * - `fs_embeddings` caches vectors by embedder id and chunk-text hash, across stores.
 */
const MIGRATIONS: readonly FileIndexMigration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(`
        CREATE TABLE fs_stores (
          id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, chunking TEXT NOT NULL, embedder_id TEXT, embedding_dims INTEGER,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE fs_files (
          id TEXT PRIMARY KEY, store_id TEXT NOT NULL, path TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, hash TEXT,
          status TEXT NOT NULL, error TEXT, chunk_count INTEGER NOT NULL, indexed_at INTEGER NOT NULL, UNIQUE (store_id, path)
        );
        CREATE TABLE fs_chunks (
          pk INTEGER PRIMARY KEY, store_id TEXT NOT NULL, file_id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
          text_hash TEXT NOT NULL, token_start INTEGER NOT NULL, token_end INTEGER NOT NULL, char_start INTEGER NOT NULL,
          char_end INTEGER NOT NULL, term_count INTEGER NOT NULL, embedded INTEGER NOT NULL DEFAULT 0, UNIQUE (file_id, seq)
        );
        CREATE INDEX fs_chunks_by_store ON fs_chunks (store_id, embedded);
        CREATE INDEX fs_chunks_lengths ON fs_chunks (store_id, term_count);
        CREATE VIRTUAL TABLE fs_fts USING fts5 (terms, content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.,:;_'");
        CREATE VIRTUAL TABLE fs_fts_postings USING fts5vocab (fs_fts, 'instance');
        CREATE TABLE fs_embeddings (embedder_id TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (embedder_id, text_hash));
      `);
    },
  },
];

const FILE_INDEX_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Creates or upgrades the `fs_` tables; safe to call on every open. */
export function migrateFileIndex(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS fs_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM fs_schema').get() as { version: number | null } | undefined;
  const current = row?.version ?? 0;
  if (current > FILE_INDEX_SCHEMA_VERSION) {
    throw new Error(
      `The file index was written by a newer version of Assistant Studio (schema ${current}; this version knows up to ${FILE_INDEX_SCHEMA_VERSION}).`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    const nested = db.isTransaction;
    db.exec(nested ? 'SAVEPOINT fs_migrate' : 'BEGIN IMMEDIATE');
    try {
      migration.up(db);
      db.prepare('INSERT INTO fs_schema (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
      db.exec(nested ? 'RELEASE fs_migrate' : 'COMMIT');
    } catch (error) {
      db.exec(nested ? 'ROLLBACK TO fs_migrate; RELEASE fs_migrate' : 'ROLLBACK');
      throw error;
    }
  }
}
