import { DatabaseSync } from 'node:sqlite';
import { privateFile, tightenFile } from '../privateFiles.ts';
import type { AssistantObject, FileObject, Message, Run, Thread } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';
import type { VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../../../shared/runtime/vectorStores.ts';
import { migrate } from './migrations.ts';
import { recoverInterruptedRuns } from './recover.ts';
import { JsonTable } from './table.ts';

const MAX_PENDING = 256;

/**
 * A vector store file as its table holds it: the API object, keyed by store and file (one file can be
 * in several stores), with the batch that added it (which the API object does not show).
 */
interface VectorStoreFileRow {
  id: string;
  object: 'vector_store.file';
  batch_id: string | null;
  file: VectorStoreFile;
}
const fileRowId = (vectorStoreId: string, fileId: string): string => `${vectorStoreId}/${fileId}`;

/** The runtime's persistent objects: one SQLite database in the app's data directory. */
export interface Store {
  threads: {
    put(thread: Thread): void;
    /**
     * Writes a thread that has just been made (its id is new): it has no messages or runs yet, so
     * listing them needs no query until something is added.
     */
    add(thread: Thread): void;
    get(id: string): Thread | null;
    /** Threads of one Assistant node, oldest first. */
    listByAssistant(assistantNodeId: string): Thread[];
    /** Removes the thread with its messages, runs and run steps. */
    remove(id: string): void;
  };
  messages: {
    put(message: Message): void;
    get(id: string): Message | null;
    remove(id: string): void;
    /** Messages of a thread in the order they were created. */
    listByThread(threadId: string): Message[];
  };
  runs: {
    put(run: Run): void;
    get(id: string): Run | null;
    listByThread(threadId: string): Run[];
  };
  steps: {
    put(step: RunStep): void;
    get(id: string): RunStep | null;
    listByRun(runId: string): RunStep[];
  };
  /** Assistants made through the Assistants API, oldest first. */
  assistants: {
    put(assistant: AssistantObject): void;
    get(id: string): AssistantObject | null;
    list(): AssistantObject[];
    remove(id: string): void;
  };
  files: {
    put(file: FileObject): void;
    get(id: string): FileObject | null;
    list(): FileObject[];
    remove(id: string): void;
  };
  /** Local vector stores (`electron/engine/vectorStores`); their chunks live in the File Search index. */
  vectorStores: {
    put(store: VectorStore): void;
    get(id: string): VectorStore | null;
    /** In the order they were created. */
    list(): VectorStore[];
    /** Removes the store with its files and file batches (the runtime files themselves stay). */
    remove(id: string): void;
  };
  vectorStoreFiles: {
    /** Adds a file to a store; a file already there is replaced and moves to the end of the listing (and to `batchId`). */
    add(file: VectorStoreFile, batchId: string | null): void;
    /** Writes a change to a file of a store; it keeps its batch and its place. */
    put(file: VectorStoreFile): void;
    get(vectorStoreId: string, fileId: string): VectorStoreFile | null;
    /** A store's files in the order they were added. */
    listByStore(vectorStoreId: string): VectorStoreFile[];
    listByBatch(batchId: string): VectorStoreFile[];
    /** Files of every store whose indexing had not finished (to resume it). */
    listInProgress(): VectorStoreFile[];
    remove(vectorStoreId: string, fileId: string): void;
  };
  fileBatches: {
    put(batch: VectorStoreFileBatch): void;
    get(id: string): VectorStoreFileBatch | null;
    listByStore(vectorStoreId: string): VectorStoreFileBatch[];
  };
  /**
   * The connection itself, for the local File Search index (`openFileIndex`), whose `fs_` tables live
   * in the same database. It is opened with extensions allowed, so sqlite-vec can be loaded.
   */
  readonly database: DatabaseSync;
  /** Runs that were left unfinished by the previous session and were marked failed at open. */
  readonly recoveredRunIds: readonly string[];
  /** Commits queued writes now (they are otherwise committed at the end of the current event-loop turn). */
  flush(): void;
  /** Commits queued writes and closes the database. */
  close(): void;
}

export interface StoreOptions {
  /** Unix seconds; injected so tests can fix the clock. */
  now?: () => number;
  /** Where a failed background write is reported (the database vanished under a running loop). */
  onWriteError?: (error: unknown) => void;
  /** How long writes may wait to be committed together; default 20 ms. */
  flushDelayMs?: number;
}

/**
 * Opens (creating if needed) the database at `file` (or `:memory:`), migrates it and recovers crashed
 * runs. The file holds conversations, so it is the user's alone (0600); SQLite gives its -wal and -shm
 * files the mode of the database.
 */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const flushDelayMs = options.flushDelayMs ?? 20;
  if (file !== ':memory:') {
    privateFile(file);
    for (const companion of [`${file}-wal`, `${file}-shm`]) tightenFile(companion);
  }
  const db = new DatabaseSync(file, { allowExtension: true });
  // WAL lets the UI read while a run writes; NORMAL sync is durable across app crashes (not power loss).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  migrate(db);

  const threads = new JsonTable<Thread>(db, 'threads', 'thread', ['assistant_node_id', 'created_at'], (t) => [t.assistant_node_id, t.created_at]);
  const messages = new JsonTable<Message>(db, 'messages', 'thread.message', ['thread_id', 'run_id', 'status', 'created_at'], (m) => [
    m.thread_id,
    m.run_id,
    m.status,
    m.created_at,
  ]);
  const runs = new JsonTable<Run>(db, 'runs', 'thread.run', ['thread_id', 'status', 'created_at'], (r) => [r.thread_id, r.status, r.created_at]);
  const steps = new JsonTable<RunStep>(db, 'run_steps', 'thread.run.step', ['run_id', 'thread_id', 'status', 'created_at'], (s) => [
    s.run_id,
    s.thread_id,
    s.status,
    s.created_at,
  ]);
  const files = new JsonTable<FileObject>(db, 'files', 'file', ['purpose', 'created_at'], (f) => [f.purpose, f.created_at]);
  const assistants = new JsonTable<AssistantObject>(db, 'assistants', 'assistant', ['created_at'], (a) => [a.created_at]);
  const vectorStores = new JsonTable<VectorStore>(db, 'vector_stores', 'vector_store', ['created_at'], (v) => [v.created_at]);
  const vectorStoreFiles = new JsonTable<VectorStoreFileRow>(
    db,
    'vector_store_files',
    'vector_store.file',
    ['vector_store_id', 'batch_id', 'status', 'created_at'],
    (row) => [row.file.vector_store_id, row.batch_id, row.file.status, row.file.created_at],
  );
  const fileBatches = new JsonTable<VectorStoreFileBatch>(
    db,
    'vector_store_file_batches',
    'vector_store.files_batch',
    ['vector_store_id', 'created_at'],
    (b) => [b.vector_store_id, b.created_at],
  );

  const transaction = (fn: () => void): void => {
    if (db.isTransaction) {
      fn();
      return;
    }
    db.exec('BEGIN');
    try {
      fn();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };

  const tables = [threads, messages, runs, steps, files, assistants, vectorStores, vectorStoreFiles, fileBatches];
  // Only close() closes the connection; asking SQLite (a native call) on every write cost more than the write.
  let closed = false;
  // Writes wait a few milliseconds to be committed together (see JsonTable); a crash loses at most those.
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!tables.some((t) => t.pendingCount > 0)) return;
    transaction(() => {
      for (const t of tables) t.flush();
    });
  };
  const later = <T extends { id: string; object: string }>(table: JsonTable<T>, obj: T): void => {
    if (closed) throw new Error('The run database is closed.');
    table.put(obj);
    // Held writes are scanned by every listing, so they must stay few even if the timer is starved.
    if (table.pendingCount >= MAX_PENDING) {
      flush();
      return;
    }
    timer ??= setTimeout(() => {
      try {
        if (!closed) flush();
      } catch (error) {
        options.onWriteError?.(error);
      }
    }, flushDelayMs);
  };

  const recoveredRunIds = recoverInterruptedRuns({ runs, steps, messages }, now());
  flush();

  return {
    threads: {
      put: (t) => later(threads, t),
      add: (t) => {
        later(threads, t);
        messages.knownEmpty('thread_id', t.id);
        runs.knownEmpty('thread_id', t.id);
      },
      get: (id) => threads.get(id),
      listByAssistant: (nodeId) => threads.where('assistant_node_id', nodeId),
      remove: (id) =>
        transaction(() => {
          steps.removeWhere('thread_id', id);
          runs.removeWhere('thread_id', id);
          messages.removeWhere('thread_id', id);
          threads.remove(id);
        }),
    },
    messages: {
      put: (m) => later(messages, m),
      get: (id) => messages.get(id),
      remove: (id) => messages.remove(id),
      listByThread: (id) => messages.where('thread_id', id),
    },
    runs: { put: (r) => later(runs, r), get: (id) => runs.get(id), listByThread: (id) => runs.where('thread_id', id) },
    steps: { put: (s) => later(steps, s), get: (id) => steps.get(id), listByRun: (id) => steps.where('run_id', id) },
    assistants: { put: (a) => later(assistants, a), get: (id) => assistants.get(id), list: () => assistants.all(), remove: (id) => assistants.remove(id) },
    files: { put: (f) => later(files, f), get: (id) => files.get(id), list: () => files.all(), remove: (id) => files.remove(id) },
    vectorStores: {
      put: (v) => later(vectorStores, v),
      get: (id) => vectorStores.get(id),
      list: () => vectorStores.all(),
      remove: (id) =>
        transaction(() => {
          vectorStoreFiles.removeWhere('vector_store_id', id);
          fileBatches.removeWhere('vector_store_id', id);
          vectorStores.remove(id);
        }),
    },
    vectorStoreFiles: {
      add: (file, batchId) => {
        const id = fileRowId(file.vector_store_id, file.id);
        // The batch column never changes in place (JsonTable updates only `status`), so a re-added file is a new row.
        if (vectorStoreFiles.get(id)) vectorStoreFiles.remove(id);
        later(vectorStoreFiles, { id, object: 'vector_store.file' as const, batch_id: batchId, file });
      },
      put: (file) => {
        const id = fileRowId(file.vector_store_id, file.id);
        const row = vectorStoreFiles.get(id);
        if (!row) throw new Error(`The file ${file.id} is not in the vector store ${file.vector_store_id}.`);
        later(vectorStoreFiles, { ...row, file });
      },
      get: (storeId, fileId) => vectorStoreFiles.get(fileRowId(storeId, fileId))?.file ?? null,
      listByStore: (storeId) => vectorStoreFiles.where('vector_store_id', storeId).map((row) => row.file),
      listByBatch: (batchId) => vectorStoreFiles.where('batch_id', batchId).map((row) => row.file),
      // A held write may have moved a committed row on from `in_progress`.
      listInProgress: () =>
        vectorStoreFiles
          .where('status', 'in_progress')
          .map((row) => row.file)
          .filter((file) => file.status === 'in_progress'),
      remove: (storeId, fileId) => vectorStoreFiles.remove(fileRowId(storeId, fileId)),
    },
    fileBatches: { put: (b) => later(fileBatches, b), get: (id) => fileBatches.get(id), listByStore: (id) => fileBatches.where('vector_store_id', id) },
    database: db,
    recoveredRunIds,
    flush,
    close: () => {
      if (closed) return;
      closed = true;
      flush();
      db.close();
    },
  };
}
