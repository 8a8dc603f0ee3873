import type { DatabaseSync } from 'node:sqlite';

/** One schema change; applied in order, once, inside a transaction. */
export interface Migration {
  version: number;
  description: string;
  up: (db: DatabaseSync) => void;
}

/**
 * The schema history. Append only: a shipped migration never changes, because databases in the
 * field have already run it. Objects live as JSON in `data`; the other columns exist for lookups,
 * and only the lookups on the hot path have an index (every index costs time on every write).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'threads, messages, runs, run steps and files',
    up: (db) => {
      db.exec(`
        CREATE TABLE threads (id TEXT PRIMARY KEY, assistant_node_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX threads_by_assistant ON threads (assistant_node_id);
        CREATE TABLE messages (id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, run_id TEXT, status TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX messages_by_thread ON messages (thread_id);
        CREATE TABLE runs (id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX runs_by_thread ON runs (thread_id);
        CREATE TABLE run_steps (id TEXT PRIMARY KEY, run_id TEXT NOT NULL, thread_id TEXT NOT NULL, status TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX run_steps_by_run ON run_steps (run_id);
        CREATE TABLE files (id TEXT PRIMARY KEY, purpose TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
      `);
    },
  },
  {
    version: 2,
    description: 'assistants made through the Assistants API',
    up: (db) => {
      db.exec('CREATE TABLE assistants (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, data TEXT NOT NULL);');
    },
  },
  {
    version: 3,
    description: 'local vector stores, their files and file batches',
    up: (db) => {
      // A file can be in several stores, so a store's file is keyed `<vector store id>/<file id>`.
      db.exec(`
        CREATE TABLE vector_stores (id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE TABLE vector_store_files (
          id TEXT PRIMARY KEY, vector_store_id TEXT NOT NULL, batch_id TEXT, status TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL
        );
        CREATE INDEX vector_store_files_by_store ON vector_store_files (vector_store_id);
        CREATE INDEX vector_store_files_by_batch ON vector_store_files (batch_id);
        CREATE TABLE vector_store_file_batches (id TEXT PRIMARY KEY, vector_store_id TEXT NOT NULL, created_at INTEGER NOT NULL, data TEXT NOT NULL);
        CREATE INDEX vector_store_file_batches_by_store ON vector_store_file_batches (vector_store_id);
      `);
    },
  },
];

/** Brings the database up to the newest migration; returns the versions it applied. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null } | undefined;
  const current = row?.version ?? 0;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`The run database was written by a newer version of Assistant Studio (schema ${current}; this version knows up to ${newest}).`);
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      migration.up(db);
      record.run(migration.version, migration.description, Date.now());
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}
