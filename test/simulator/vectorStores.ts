import { chunkingView, chunkText, type StaticChunking } from './chunking.ts';
import type { FileStore } from './files.ts';
import { newId, notFound, unixSeconds } from './http.ts';
import type { Listed } from './paging.ts';
import type { Attributes, Chunk } from './search.ts';

export type FileStatus = 'in_progress' | 'completed' | 'cancelled' | 'failed';

interface FileError {
  code: 'server_error' | 'unsupported_file' | 'invalid_file';
  message: string;
}

/** A File attached to a vector store; its id is the File's id. */
export interface AttachedFile extends Listed {
  vectorStoreId: string;
  chunking: StaticChunking;
  attributes: Attributes;
  /** When indexing "finishes" (ms since the epoch); until then the file is `in_progress`. */
  readyAt: number;
  /** The outcome of indexing, decided at once and revealed at `readyAt`. */
  outcome: { filename: string; text: string; chunks: string[]; bytes: number } | { error: FileError };
  cancelled: boolean;
  batchId: string | undefined;
}

export interface VectorStore extends Listed {
  name: string;
  metadata: Record<string, string>;
  expiresAfter: { anchor: 'last_active_at'; days: number } | null;
  lastActiveAt: number;
  files: Map<string, AttachedFile>;
}

export interface FileBatch extends Listed {
  vectorStoreId: string;
  cancelled: boolean;
}

// The file types the real file_search accepts, by extension.
const SUPPORTED = new Set([
  'c',
  'cpp',
  'cs',
  'css',
  'doc',
  'docx',
  'go',
  'html',
  'java',
  'js',
  'json',
  'md',
  'pdf',
  'php',
  'pptx',
  'py',
  'rb',
  'sh',
  'tex',
  'ts',
  'txt',
]);

/** Vector stores, their files and file batches, kept in memory until reset. */
export class VectorStores {
  readonly stores = new Map<string, VectorStore>();
  readonly batches = new Map<string, FileBatch>();
  /** How long a newly attached file stays `in_progress`; 0 means it is completed at once. */
  indexingDelayMs: number;
  readonly #files: FileStore;
  #seq = 0;

  constructor(files: FileStore, indexingDelayMs: number) {
    this.#files = files;
    this.indexingDelayMs = indexingDelayMs;
  }

  create(fields: Pick<VectorStore, 'name' | 'metadata' | 'expiresAfter'>): VectorStore {
    const now = unixSeconds();
    const store: VectorStore = { id: newId('vs_'), createdAt: now, seq: this.#seq++, lastActiveAt: now, files: new Map(), ...fields };
    this.stores.set(store.id, store);
    return store;
  }

  get(id: string): VectorStore {
    const store = this.stores.get(id);
    if (!store) throw notFound(`No vector store found with id '${id}'.`, 'vector_store_id');
    return store;
  }

  file(store: VectorStore, fileId: string): AttachedFile {
    const file = store.files.get(fileId);
    if (!file) throw notFound(`No file found with id '${fileId}' in vector store '${store.id}'.`, 'file_id');
    return file;
  }

  batch(store: VectorStore, batchId: string): FileBatch {
    const batch = this.batches.get(batchId);
    if (!batch || batch.vectorStoreId !== store.id) throw notFound(`No file batch found with id '${batchId}' in vector store '${store.id}'.`, 'batch_id');
    return batch;
  }

  /** Attaches an uploaded File (re-attaching replaces it) and indexes its text by the given chunking. */
  attach(store: VectorStore, fileId: string, chunking: StaticChunking, attributes: Attributes, batchId?: string): AttachedFile {
    const { meta, content } = this.#files.get(fileId);
    const attached: AttachedFile = {
      id: fileId,
      createdAt: unixSeconds(),
      seq: this.#seq++,
      vectorStoreId: store.id,
      chunking,
      attributes,
      readyAt: Date.now() + this.indexingDelayMs,
      outcome: index(meta.filename, content, chunking),
      cancelled: false,
      batchId,
    };
    store.files.set(fileId, attached);
    return attached;
  }

  newBatch(store: VectorStore): FileBatch {
    const batch: FileBatch = { id: newId('vsfb_'), createdAt: unixSeconds(), seq: this.#seq++, vectorStoreId: store.id, cancelled: false };
    this.batches.set(batch.id, batch);
    return batch;
  }

  batchFiles(batch: FileBatch): AttachedFile[] {
    const store = this.stores.get(batch.vectorStoreId);
    return [...(store?.files.values() ?? [])].filter((file) => file.batchId === batch.id);
  }

  /** The searchable chunks of the given stores (completed files only); using a store keeps it active. */
  chunks(storeIds: string[]): Chunk[] {
    const stores = storeIds.map((id) => this.get(id));
    for (const store of stores) store.lastActiveAt = unixSeconds();
    return stores.flatMap((store) =>
      [...store.files.values()].flatMap((file) => {
        const { outcome } = file;
        if (fileStatus(file) !== 'completed' || !('chunks' in outcome)) return [];
        return outcome.chunks.map((text) => ({ fileId: file.id, filename: outcome.filename, text, attributes: file.attributes }));
      }),
    );
  }

  clear(): void {
    this.stores.clear();
    this.batches.clear();
  }
}

/**
 * Objects that may still be processing carry the API's polling hint, which the SDK's `*AndPoll` helpers
 * wait for between retrievals (their default is 5 s).
 */
export function pollHeaders(stores: VectorStores): Record<string, string> {
  return { 'openai-poll-after-ms': String(Math.max(10, Math.min(1000, Math.round(stores.indexingDelayMs / 5)))) };
}

export function fileStatus(file: AttachedFile): FileStatus {
  if (file.cancelled) return 'cancelled';
  if (Date.now() < file.readyAt) return 'in_progress';
  return 'error' in file.outcome ? 'failed' : 'completed';
}

export function batchStatus(batch: FileBatch, files: AttachedFile[]): 'in_progress' | 'completed' | 'cancelled' {
  if (batch.cancelled) return 'cancelled';
  return files.some((file) => fileStatus(file) === 'in_progress') ? 'in_progress' : 'completed';
}

function fileCounts(files: Iterable<AttachedFile>): Record<FileStatus | 'total', number> {
  const counts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
  for (const file of files) {
    counts[fileStatus(file)] += 1;
    counts.total += 1;
  }
  return counts;
}

export function storeView(store: VectorStore): Record<string, unknown> {
  const files = [...store.files.values()];
  const expiresAt = store.expiresAfter ? store.lastActiveAt + store.expiresAfter.days * 86_400 : null;
  const counts = fileCounts(files);
  return {
    id: store.id,
    object: 'vector_store',
    created_at: store.createdAt,
    name: store.name,
    usage_bytes: files.reduce((sum, file) => sum + usageBytes(file), 0),
    file_counts: counts,
    status: expiresAt !== null && expiresAt < unixSeconds() ? 'expired' : counts.in_progress > 0 ? 'in_progress' : 'completed',
    ...(store.expiresAfter ? { expires_after: store.expiresAfter } : {}),
    expires_at: expiresAt,
    last_active_at: store.lastActiveAt,
    metadata: store.metadata,
  };
}

export function fileView(file: AttachedFile): Record<string, unknown> {
  const status = fileStatus(file);
  return {
    id: file.id,
    object: 'vector_store.file',
    usage_bytes: usageBytes(file),
    created_at: file.createdAt,
    vector_store_id: file.vectorStoreId,
    status,
    last_error: status === 'failed' && 'error' in file.outcome ? file.outcome.error : null,
    chunking_strategy: chunkingView(file.chunking),
    attributes: file.attributes,
  };
}

export function batchView(batch: FileBatch, files: AttachedFile[]): Record<string, unknown> {
  return {
    id: batch.id,
    object: 'vector_store.files_batch',
    created_at: batch.createdAt,
    vector_store_id: batch.vectorStoreId,
    status: batchStatus(batch, files),
    file_counts: fileCounts(files),
  };
}

function usageBytes(file: AttachedFile): number {
  return fileStatus(file) === 'completed' && 'bytes' in file.outcome ? file.outcome.bytes : 0;
}

// The simulator reads every supported type as UTF-8 text: a PDF or DOCX that is not plain text fails,
// as an unreadable file does with the real service.
function index(filename: string, content: Buffer, chunking: StaticChunking): AttachedFile['outcome'] {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (!SUPPORTED.has(extension)) {
    return { error: { code: 'unsupported_file', message: `The file type '.${extension}' is not supported for file search.` } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { error: { code: 'invalid_file', message: 'The file could not be parsed: it is not valid text.' } };
  }
  if (text.includes('\u0000')) return { error: { code: 'invalid_file', message: 'The file could not be parsed: it is not valid text.' } };
  const chunks = chunkText(text, chunking);
  if (chunks.length === 0) return { error: { code: 'invalid_file', message: 'The file is empty.' } };
  return { filename, text, chunks, bytes: content.length };
}
