import { createHash } from 'node:crypto';
import { AppFailure } from '../../../shared/errors.ts';
import { analyze } from './analyzer.ts';
import type { Catalog, PreparedChunk, StoreRecord } from './catalog.ts';
import { chunkText, resolveChunking } from './chunker.ts';
import type { DocumentParser } from './parsers.ts';
import type { IngestSource } from './sources.ts';
import type { ChunkingStrategy, Embedder, IndexProgress, IndexReport } from './types.ts';
import type { EmbeddingCache } from './vectors.ts';

export interface IndexRequest {
  /** Every document the store should hold; stored files missing from this list are removed. */
  sources: readonly IngestSource[];
  chunking: ChunkingStrategy;
  /** When given, every chunk gets a vector (from the cache where possible). */
  embedder?: Embedder | null;
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
}

export interface IngestContext {
  catalog: Catalog;
  /** Null when sqlite-vec is not loaded: the index is keyword-only. */
  cache: EmbeddingCache | null;
  parse: DocumentParser;
  maxFileBytes: number;
}

/**
 * Text beyond this is refused even when the file itself is small enough (a compressed PDF can hold a
 * lot): about OpenAI's 5 million tokens per file, and it bounds the chunker's memory.
 */
const MAX_TEXT_CHARS = 20_000_000;

// Small files are committed together: one commit per file would cost more than the indexing.
const WRITE_BATCH_FILES = 64;
const WRITE_BATCH_CHARS = 1_000_000;
// OpenAI refuses an embeddings request over 300,000 tokens in all; 128 static chunks of 4,096 would be 524,288.
const MAX_TOKENS_PER_EMBEDDING_REQUEST = 250_000;

/** The leading chunks that fit one embeddings request (always at least one). */
function withinTokenBudget<T extends { tokens: number }>(chunks: T[]): T[] {
  let total = 0;
  const kept = chunks.findIndex((chunk) => (total += chunk.tokens) > MAX_TOKENS_PER_EMBEDDING_REQUEST);
  return kept === -1 ? chunks : chunks.slice(0, Math.max(1, kept));
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Brings a store up to date with its sources, one file at a time (so at most one document is in
 * memory): unchanged files (same sha256, same chunking) are skipped without being read, changed
 * ones are parsed, chunked and written in batched transactions (a file is never half written),
 * missing ones removed. Then chunks without a vector are embedded in batches. Cancelling keeps
 * every file finished so far.
 */
export async function indexStore(ctx: IngestContext, initial: StoreRecord, request: IndexRequest): Promise<IndexReport> {
  const started = performance.now();
  const { catalog } = ctx;
  const resolved = resolveChunking(request.chunking);
  if ('error' in resolved) throw new AppFailure('E_INVALID_REQUEST', resolved.error);
  if (request.embedder && !ctx.cache) {
    throw new AppFailure('E_UNSUPPORTED', 'Vector search needs the sqlite-vec extension, which could not be loaded into this database.');
  }
  let store = initial;
  const previous = resolveChunking(store.chunking);
  // A new strategy re-chunks every file. The store records it only once all files are done, so a
  // cancelled run is redone next time rather than leaving files cut the old way.
  const rechunk = 'error' in previous || previous.size !== resolved.size || previous.overlap !== resolved.overlap;

  const report: IndexReport = {
    storeId: store.id,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    failed: [],
    chunksWritten: 0,
    embedded: 0,
    embeddingsFromCache: 0,
    pendingVectors: 0,
    cancelled: false,
    durationMs: 0,
  };
  const progress: IndexProgress = { phase: 'files', filesDone: 0, filesTotal: request.sources.length, chunks: 0, embeddingsDone: 0, embeddingsTotal: 0 };
  const finish = (): IndexReport => {
    report.pendingVectors = catalog.countPendingVectors(store.id);
    report.durationMs = performance.now() - started;
    return report;
  };

  const known = new Map(catalog.files(store.id).map((file) => [file.path, file]));
  const wanted = new Set(request.sources.map((source) => source.path));
  for (const file of known.values()) {
    if (wanted.has(file.path)) continue;
    catalog.removeFile(file.id, store.embeddingDims);
    report.removed++;
  }

  let batch: { source: IngestSource; outcome: Exclude<FileOutcome, { kind: 'unchanged' }> }[] = [];
  let batchChars = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    const writes = batch;
    batch = [];
    batchChars = 0;
    catalog.transaction(() => {
      for (const { source, outcome } of writes) {
        catalog.writeFile(
          store,
          { path: source.path, name: source.name, size: outcome.size, hash: outcome.hash },
          outcome.kind === 'failed' ? { error: outcome.message } : { chunks: outcome.chunks },
        );
      }
    });
  };

  for (const source of request.sources) {
    if (request.signal?.aborted) {
      flush();
      report.cancelled = true;
      return finish();
    }
    const before = known.get(source.path);
    const outcome = await ingestOne(ctx, source, before && !rechunk ? before.hash : null, request.chunking);
    // A read cut off by the cancel is no failure of the file: recorded as one, it would look unchanged
    // (and failed) to the next sync, which would then never index it.
    if (outcome.kind === 'failed' && request.signal?.aborted) {
      flush();
      report.cancelled = true;
      return finish();
    }
    if (outcome.kind === 'unchanged') {
      report.unchanged++;
      if (before?.status === 'failed') report.failed.push({ path: source.path, message: before.error ?? 'Could not be read.' });
    } else {
      batch.push({ source, outcome });
      if (before) report.updated++;
      else report.added++;
      if (outcome.kind === 'failed') {
        report.failed.push({ path: source.path, message: outcome.message });
      } else {
        report.chunksWritten += outcome.chunks.length;
        batchChars += outcome.chunks.reduce((sum, chunk) => sum + chunk.text.length, 0);
      }
      if (batch.length >= WRITE_BATCH_FILES || batchChars >= WRITE_BATCH_CHARS) flush();
    }
    progress.filesDone++;
    progress.chunks = report.chunksWritten;
    request.onProgress?.({ ...progress, path: source.path });
  }
  flush();
  if (rechunk || JSON.stringify(store.chunking) !== JSON.stringify(request.chunking)) catalog.setChunking(store.id, request.chunking);

  if (request.embedder && ctx.cache) {
    if (store.embedderId !== request.embedder.id) {
      catalog.setEmbedder(store, request.embedder.id);
      store = catalog.storeById(store.id)!;
    }
    report.cancelled = !(await embedPending(ctx.catalog, ctx.cache, store, request.embedder, report, progress, request));
  }
  return finish();
}

type FileOutcome =
  | { kind: 'unchanged' }
  | { kind: 'failed'; message: string; size: number; hash: string | null }
  | { kind: 'indexed'; chunks: PreparedChunk[]; size: number; hash: string };

async function ingestOne(ctx: IngestContext, source: IngestSource, knownHash: string | null, chunking: ChunkingStrategy): Promise<FileOutcome> {
  let size = 0;
  let hash: string | null = null;
  try {
    size = await source.size();
    hash = await source.hash();
    if (hash === knownHash) return { kind: 'unchanged' };
    if (size > ctx.maxFileBytes) {
      return { kind: 'failed', size, hash, message: `The file is ${formatSize(size)}; files over ${formatSize(ctx.maxFileBytes)} are not indexed.` };
    }
    const text = await ctx.parse(source.name, await source.read());
    if (text.length > MAX_TEXT_CHARS) {
      return {
        kind: 'failed',
        size,
        hash,
        message: `The file holds ${(text.length / 1e6).toFixed(1)} million characters of text; files over ${MAX_TEXT_CHARS / 1e6} million (about 5 million tokens, OpenAI's limit per file) are not indexed.`,
      };
    }
    const chunks = chunkText(text, chunking).map((chunk) => ({ ...chunk, terms: analyze(chunk.text), textHash: sha256(chunk.text) }));
    return { kind: 'indexed', chunks, size, hash };
  } catch (error) {
    return { kind: 'failed', size, hash, message: messageOf(error) };
  }
}

/** Embeds the store's chunks that have no vector yet; false when cancelled part-way. */
async function embedPending(
  catalog: Catalog,
  cache: EmbeddingCache,
  initial: StoreRecord,
  embedder: Embedder,
  report: IndexReport,
  progress: IndexProgress,
  request: IndexRequest,
): Promise<boolean> {
  let store = initial;
  progress.phase = 'embeddings';
  progress.embeddingsTotal = catalog.countPendingVectors(store.id);
  request.onProgress?.({ ...progress });
  for (;;) {
    if (request.signal?.aborted) return false;
    const batch = withinTokenBudget(catalog.pendingVectors(store.id, embedder.maxBatchSize));
    if (batch.length === 0) return true;
    const vectors = new Map<string, Float32Array>();
    for (const chunk of batch) {
      const cached = cache.get(embedder.id, chunk.textHash);
      if (cached) vectors.set(chunk.textHash, cached);
    }
    const missing = [...new Map(batch.filter((c) => !vectors.has(c.textHash)).map((c) => [c.textHash, c.text])).entries()];
    if (missing.length > 0) {
      let fresh: Float32Array[];
      try {
        fresh = await embedder.embed(
          missing.map(([, text]) => text),
          request.signal,
        );
      } catch (error) {
        if (request.signal?.aborted) return false;
        throw new AppFailure('E_IO', `The embeddings endpoint failed: ${messageOf(error)}`);
      }
      for (const [i, [textHash]] of missing.entries()) vectors.set(textHash, fresh[i]!);
      report.embedded += missing.length;
    }
    const dims = vectors.values().next().value!.length;
    if (store.embeddingDims === null) {
      catalog.setDimensions(store.id, dims);
      store = { ...store, embeddingDims: dims };
    }
    catalog.transaction(() => {
      for (const chunk of batch) {
        const vector = vectors.get(chunk.textHash)!;
        if (vector.length !== store.embeddingDims)
          throw new AppFailure('E_IO', `The embedder returned ${vector.length}-dimensional vectors; this store holds ${store.embeddingDims}.`);
        cache.put(embedder.id, chunk.textHash, vector);
        catalog.saveVector(store, chunk.pk, vector);
      }
    });
    report.embeddingsFromCache += batch.length - missing.length;
    progress.embeddingsDone += batch.length;
    request.onProgress?.({ ...progress });
  }
}
