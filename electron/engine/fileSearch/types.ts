/** How files are cut into chunks (the File Search node's `chunking` settings). */
export type ChunkingStrategy = { type: 'auto' } | { type: 'static'; maxChunkSizeTokens: number; chunkOverlapTokens: number };

/** A chunk of a document's text, with where it sits in the text (for citations). */
export interface TextChunk {
  /** Position of the chunk within its document, from 0. */
  seq: number;
  text: string;
  /** Token span [start, end) in the document's o200k_base tokens. */
  tokenStart: number;
  tokenEnd: number;
  /** Character span [start, end) in the document's extracted text. */
  charStart: number;
  charEnd: number;
}

/**
 * Turns texts into vectors. `id` names the model and its settings (e.g. `text-embedding-3-small@256`);
 * cached vectors are keyed by it, so two embedders with the same id must produce the same vectors.
 */
export interface Embedder {
  readonly id: string;
  /** Largest number of texts per `embed` call. */
  readonly maxBatchSize: number;
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export type SearchMode = 'keyword' | 'vector' | 'hybrid';

/** How hybrid search merges the keyword and the vector ranking. */
export type FusionMethod = 'rrf' | 'weighted';

export interface SearchOptions {
  mode: SearchMode;
  maxResults: number;
  /** Results scoring below this (0–1) are dropped. */
  scoreThreshold?: number;
  /** Needed for vector and hybrid search; must have the id the store was embedded with. */
  embedder?: Embedder | null;
  fusion?: FusionMethod;
  signal?: AbortSignal;
}

/** One retrieved chunk. Scores are 0–1 in every mode, so one threshold fits all. */
export interface SearchHit {
  fileId: string;
  fileName: string;
  /** The file's path within the store (relative to the folder it was indexed from). */
  path: string;
  chunkId: string;
  score: number;
  text: string;
  tokenStart: number;
  tokenEnd: number;
  charStart: number;
  charEnd: number;
}

export type FileStatus = 'indexed' | 'failed';

/** A file of a local store, as the UI lists it. */
export interface IndexedFile {
  id: string;
  path: string;
  name: string;
  size: number;
  hash: string | null;
  status: FileStatus;
  error: string | null;
  chunkCount: number;
  indexedAt: number;
}

/** A named local vector store (`vs_…`). */
export interface LocalStore {
  id: string;
  name: string;
  chunking: ChunkingStrategy;
  /** The embedder id its vectors come from; null while it is keyword-only. */
  embedderId: string | null;
  createdAt: number;
}

export interface IndexProgress {
  phase: 'files' | 'embeddings';
  filesDone: number;
  filesTotal: number;
  /** Chunks written so far in this run. */
  chunks: number;
  embeddingsDone: number;
  embeddingsTotal: number;
  /** The file just finished, in the `files` phase. */
  path?: string;
}

export interface FileFailure {
  path: string;
  message: string;
}

/** What one indexing run did. */
export interface IndexReport {
  storeId: string;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Files that could not be read, including ones that failed before and have not changed since. */
  failed: FileFailure[];
  chunksWritten: number;
  /** Chunk vectors requested from the embedder in this run (cache misses). */
  embedded: number;
  /** Chunk vectors taken from the cache instead. */
  embeddingsFromCache: number;
  /** Chunks still without a vector (the run was cancelled, or no embedder was given). */
  pendingVectors: number;
  cancelled: boolean;
  durationMs: number;
}
