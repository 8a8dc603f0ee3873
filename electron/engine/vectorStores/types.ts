import type {
  Attributes,
  AttributeValue,
  ExpiresAfter,
  VectorStore,
  VectorStoreFile,
  VectorStoreFileBatch,
  VectorStoreFileStatus,
  VectorStoreSearchResultsPage,
} from '../../../shared/runtime/vectorStores.ts';
import type { FileIndex } from '../fileSearch/fileIndex.ts';
import type { Embedder } from '../fileSearch/types.ts';
import type { Store } from '../store/store.ts';

/** `GET /vector_stores/{id}/files/{file_id}/content`: the parsed text, in one page. */
interface VectorStoreFileContent {
  object: 'vector_store.file_content.page';
  data: { type: 'text'; text: string }[];
  has_more: false;
  next_page: null;
}

/** Where the files of vector stores come from: the runtime's files (`Runtime.files` fits). */
export interface VectorStoreFileSource {
  /** The file's name and size in bytes; throws AppFailure `E_NOT_FOUND` for an unknown id. */
  get(fileId: string): { filename: string; bytes: number };
  content(fileId: string): Promise<{ bytes: Uint8Array }>;
}

export interface VectorStoresDeps {
  /** Holds the vector store, file and batch objects. */
  store: Store;
  /** Holds their chunks: each vector store is one local store of the index, named by the vector store id. */
  fileIndex: FileIndex;
  files: VectorStoreFileSource;
  /** Unix seconds; default the system clock. */
  now?: () => number;
  /** When it gives an embedder, chunks get vectors and search is hybrid; otherwise search is keyword only. */
  embedder?: () => Embedder | null | Promise<Embedder | null>;
  /** Where failures of background indexing go that no object can show (the database closed under it). */
  log?: { error(message: string, cause?: unknown): void };
}

/** A request's `chunking_strategy`; `auto` is 800 tokens with 400 of overlap, as OpenAI's. */
export type ChunkingStrategyParam = { type: 'auto' } | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };

export interface VectorStoreCreateParams {
  name?: string;
  /** At most 500; indexed in the background (the store is `in_progress` until they are done). */
  file_ids?: string[];
  /** For `file_ids`; ignored without them. */
  chunking_strategy?: ChunkingStrategyParam;
  metadata?: Record<string, string> | null;
  expires_after?: ExpiresAfter;
  /** Accepted as OpenAI accepts it; the vector store object has no field to show it. */
  description?: string;
}

/** Absent fields are left as they are; `expires_after: null` removes the expiry. */
export interface VectorStoreUpdateParams {
  name?: string | null;
  metadata?: Record<string, string> | null;
  expires_after?: ExpiresAfter | null;
}

/** Cursor paging as the Assistants lists have it. */
export interface ListParams {
  /** 1–100, default 20. */
  limit?: number;
  /** By creation; default `desc` (newest first). */
  order?: 'asc' | 'desc';
  /** Starts after this object (the SDKs pass the last id of the previous page). */
  after?: string;
  /** Ends before this object. */
  before?: string;
}

export interface FileListParams extends ListParams {
  filter?: VectorStoreFileStatus;
}

/** One page of a list; `first_id` and `last_id` are null on an empty page, as the API sends them. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

export interface Deleted<O extends string> {
  id: string;
  object: O;
  deleted: true;
}

export interface FileCreateParams {
  file_id: string;
  /** Default: the strategy of the store's other files, or `auto` in an empty store. */
  chunking_strategy?: ChunkingStrategyParam;
  attributes?: Attributes | null;
}

export interface FileUpdateParams {
  attributes: Attributes | null;
}

/** Exactly one of `file_ids` (with the batch-wide `chunking_strategy` and `attributes`) or `files`. */
export interface BatchCreateParams {
  file_ids?: string[];
  files?: FileCreateParams[];
  chunking_strategy?: ChunkingStrategyParam;
  attributes?: Attributes | null;
}

export type ComparisonFilter = {
  type: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin';
  key: string;
  value: AttributeValue | (string | number)[];
};
export type CompoundFilter = { type: 'and' | 'or'; filters: AttributeFilter[] };
/** A condition on the files' attributes (OpenAI's `ComparisonFilter` or `CompoundFilter`). */
export type AttributeFilter = ComparisonFilter | CompoundFilter;

export interface SearchParams {
  /** A query, or several whose results are merged (each passage scored by its best query). */
  query: string | string[];
  /** 1–50, default 10. */
  max_num_results?: number;
  /** `ranker` is accepted and ignored (there is no re-ranker); results scoring below `score_threshold` (0–1) are left out. */
  ranking_options?: { ranker?: 'none' | 'auto' | 'default-2024-11-15'; score_threshold?: number };
  /** Accepted and ignored: queries are searched as they are. */
  rewrite_query?: boolean;
  filters?: AttributeFilter;
}

/**
 * Assistants-compatible vector stores on the local File Search index. Every parameter is checked at
 * run time (a parsed JSON body may be passed as it is): a bad one throws AppFailure `E_INVALID_REQUEST`
 * naming it, an unknown id `E_NOT_FOUND`.
 */
export interface VectorStoreService {
  create(params?: VectorStoreCreateParams): VectorStore;
  get(id: string): VectorStore;
  list(params?: ListParams): ListPage<VectorStore>;
  update(id: string, params: VectorStoreUpdateParams): VectorStore;
  /** Deletes the store and its chunks; the runtime files stay. */
  delete(id: string): Deleted<'vector_store.deleted'>;
  /** Searches the store's completed files. */
  search(id: string, params: SearchParams): Promise<VectorStoreSearchResultsPage>;
  /**
   * The local index store holding the vector store's chunks (its id), for a File Search tool to search;
   * counts as using the store (its expiry moves on). In that index store a file's `path` is its runtime
   * file id. Throws for an unknown or expired store.
   */
  indexStoreName(id: string): string;
  files: {
    /** Attaches a runtime file (re-attaching one replaces it); it is indexed in the background. */
    create(vectorStoreId: string, params: FileCreateParams): VectorStoreFile;
    get(vectorStoreId: string, fileId: string): VectorStoreFile;
    list(vectorStoreId: string, params?: FileListParams): ListPage<VectorStoreFile>;
    update(vectorStoreId: string, fileId: string, params: FileUpdateParams): VectorStoreFile;
    /** Detaches the file and removes its chunks; the runtime file stays. */
    delete(vectorStoreId: string, fileId: string): Deleted<'vector_store.file.deleted'>;
    /** The text the store parsed from the file (empty until the file is indexed). */
    content(vectorStoreId: string, fileId: string): VectorStoreFileContent;
  };
  batches: {
    create(vectorStoreId: string, params: BatchCreateParams): VectorStoreFileBatch;
    get(vectorStoreId: string, batchId: string): VectorStoreFileBatch;
    /** Cancels the batch's files still waiting or being indexed; finished ones keep their status. */
    cancel(vectorStoreId: string, batchId: string): VectorStoreFileBatch;
    listFiles(vectorStoreId: string, batchId: string, params?: FileListParams): ListPage<VectorStoreFile>;
  };
  /** Resolves once no indexing of the store (or of any store) is running or waiting: no polling needed. */
  waitIdle(vectorStoreId?: string): Promise<void>;
  /** Stops indexing and waits for it to stop (finished files stay; the rest resumes at the next start). Call before closing the Store. */
  close(): Promise<void>;
}
