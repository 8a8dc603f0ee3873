import type { DatabaseSync } from 'node:sqlite';

/** One schema change of the `hosted_` tables; applied in order, once. Append only. */
const MIGRATIONS: readonly { version: number; up: (db: DatabaseSync) => void }[] = [
  {
    version: 1,
    up: (db) => {
      // `origin` is the provider's base URL: an id means nothing to another server.
      db.exec(`
        CREATE TABLE hosted_files (origin TEXT NOT NULL, node_id TEXT NOT NULL, path TEXT NOT NULL, hash TEXT NOT NULL, file_id TEXT NOT NULL, PRIMARY KEY (origin, node_id, path));
        CREATE TABLE hosted_vector_stores (origin TEXT NOT NULL, node_id TEXT NOT NULL, vector_store_id TEXT NOT NULL, chunking TEXT NOT NULL, PRIMARY KEY (origin, node_id));
        CREATE TABLE hosted_containers (origin TEXT NOT NULL, thread_id TEXT NOT NULL, container_id TEXT NOT NULL, file_ids TEXT NOT NULL, PRIMARY KEY (origin, thread_id));
      `);
    },
  },
];

/** Creates or upgrades the `hosted_` tables in the run database; separate from the store's own history, as the file index's are. */
function migrateHosted(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS hosted_schema (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS version FROM hosted_schema').get() as { version: number | null } | undefined;
  const current = row?.version ?? 0;
  const newest = MIGRATIONS.at(-1)!.version;
  if (current > newest)
    throw new Error(`The hosted-tool records were written by a newer version of Assistant Studio (schema ${current}; this version knows up to ${newest}).`);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.exec('SAVEPOINT hosted_migrate');
    try {
      migration.up(db);
      db.prepare('INSERT INTO hosted_schema (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
      db.exec('RELEASE hosted_migrate');
    } catch (error) {
      db.exec('ROLLBACK TO hosted_migrate; RELEASE hosted_migrate');
      throw error;
    }
  }
}

/** A Knowledge file uploaded for a node: its content hash when uploaded, and the remote file id. */
export interface UploadedFile {
  path: string;
  hash: string;
  fileId: string;
}

/**
 * What this app made on a provider, so later runs reuse it: uploaded files per node, a vector store
 * per File Search node, a container per thread. Rows are per provider origin.
 */
export class HostedRecords {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    migrateHosted(db);
    this.#db = db;
  }

  files(origin: string, nodeId: string): Map<string, UploadedFile> {
    const rows = this.#db.prepare('SELECT path, hash, file_id FROM hosted_files WHERE origin = ? AND node_id = ?').all(origin, nodeId) as {
      path: string;
      hash: string;
      file_id: string;
    }[];
    return new Map(rows.map((r) => [r.path, { path: r.path, hash: r.hash, fileId: r.file_id }]));
  }

  /** The node's file with this remote id, for showing a cited hosted file by its local path. */
  fileById(fileId: string): UploadedFile | null {
    const row = this.#db.prepare('SELECT path, hash, file_id FROM hosted_files WHERE file_id = ?').get(fileId) as
      | { path: string; hash: string; file_id: string }
      | undefined;
    return row ? { path: row.path, hash: row.hash, fileId: row.file_id } : null;
  }

  putFile(origin: string, nodeId: string, file: UploadedFile): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO hosted_files (origin, node_id, path, hash, file_id) VALUES (?, ?, ?, ?, ?)')
      .run(origin, nodeId, file.path, file.hash, file.fileId);
  }

  removeFile(origin: string, nodeId: string, path: string): void {
    this.#db.prepare('DELETE FROM hosted_files WHERE origin = ? AND node_id = ? AND path = ?').run(origin, nodeId, path);
  }

  vectorStore(origin: string, nodeId: string): { vectorStoreId: string; chunking: string } | null {
    const row = this.#db.prepare('SELECT vector_store_id, chunking FROM hosted_vector_stores WHERE origin = ? AND node_id = ?').get(origin, nodeId) as
      | { vector_store_id: string; chunking: string }
      | undefined;
    return row ? { vectorStoreId: row.vector_store_id, chunking: row.chunking } : null;
  }

  putVectorStore(origin: string, nodeId: string, vectorStoreId: string, chunking: string): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO hosted_vector_stores (origin, node_id, vector_store_id, chunking) VALUES (?, ?, ?, ?)')
      .run(origin, nodeId, vectorStoreId, chunking);
  }

  removeVectorStore(origin: string, nodeId: string): void {
    this.#db.prepare('DELETE FROM hosted_vector_stores WHERE origin = ? AND node_id = ?').run(origin, nodeId);
  }

  container(origin: string, threadId: string): { containerId: string; fileIds: string[] } | null {
    const row = this.#db.prepare('SELECT container_id, file_ids FROM hosted_containers WHERE origin = ? AND thread_id = ?').get(origin, threadId) as
      | { container_id: string; file_ids: string }
      | undefined;
    return row ? { containerId: row.container_id, fileIds: JSON.parse(row.file_ids) as string[] } : null;
  }

  putContainer(origin: string, threadId: string, containerId: string, fileIds: string[]): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO hosted_containers (origin, thread_id, container_id, file_ids) VALUES (?, ?, ?, ?)')
      .run(origin, threadId, containerId, JSON.stringify(fileIds));
  }

  removeContainer(origin: string, threadId: string): void {
    this.#db.prepare('DELETE FROM hosted_containers WHERE origin = ? AND thread_id = ?').run(origin, threadId);
  }
}
