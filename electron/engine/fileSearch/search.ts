import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { AppFailure } from '../../../shared/errors.ts';
import type { Catalog, StoreRecord } from './catalog.ts';
import { fuseByRank, fuseByScore, type Ranked } from './fusion.ts';
import { keywordSearch } from './keyword.ts';
import type { FusionMethod, SearchHit, SearchOptions } from './types.ts';
import type { EmbeddingCache, VectorTables } from './vectors.ts';

export interface SearchContext {
  db: DatabaseSync;
  catalog: Catalog;
  vectors: VectorTables | null;
  cache: EmbeddingCache | null;
}

/**
 * Weighted fusion by default: it did at least as well as rank fusion in the retrieval evaluator (see
 * README.md here) and keeps scores absolute, which the threshold needs.
 */
export const DEFAULT_FUSION: FusionMethod = 'weighted';

// Cosine distance is 0–2; a similarity below 0 means unrelated, which a 0–1 score calls 0.
const similarity = (distance: number): number => Math.min(1, Math.max(0, 1 - distance));

// How deep each ranking is read before fusing: fusion can only promote what one list has found.
const MIN_FUSION_DEPTH = 100;

/**
 * Searches one store. Hybrid falls back to keyword search while the store has no vectors (no
 * embeddings endpoint configured), so a File Search node works before one is set up; vector search
 * says why it cannot run instead.
 */
export async function searchStore(ctx: SearchContext, store: StoreRecord, query: string, options: SearchOptions): Promise<SearchHit[]> {
  const limit = Math.max(0, Math.floor(options.maxResults));
  const threshold = options.scoreThreshold ?? 0;
  const hasVectors = store.embedderId !== null && store.embeddingDims !== null && ctx.vectors !== null;
  const mode = options.mode === 'hybrid' && !hasVectors ? 'keyword' : options.mode;
  let ranked: Ranked[];
  if (mode === 'keyword') {
    ranked = keywordSearch(ctx.db, store.id, query, limit);
  } else if (mode === 'vector') {
    ranked = (await vectorSearch(ctx, store, query, limit, options)).hits;
  } else {
    const depth = Math.max(limit * 2, MIN_FUSION_DEPTH);
    const { hits: vector, queryVector } = await vectorSearch(ctx, store, query, depth, options);
    if ((options.fusion ?? DEFAULT_FUSION) === 'rrf') {
      ranked = fuseByRank(keywordSearch(ctx.db, store.id, query, depth), vector);
    } else {
      // Every matching chunk's BM25 is computed anyway; keeping them all lets a vector candidate
      // that ranked below the keyword depth still get its true keyword score.
      const keyword = keywordSearch(ctx.db, store.id, query, Number.POSITIVE_INFINITY);
      const keywordScores = new Map(keyword.map((hit) => [hit.pk, hit.score]));
      const vectorScores = new Map(vector.map((hit) => [hit.pk, hit.score]));
      const candidates = [...keyword.slice(0, depth).map((hit) => hit.pk), ...vector.map((hit) => hit.pk)];
      const missing = candidates.filter((pk) => !vectorScores.has(pk));
      for (const [pk, distance] of ctx.vectors!.distances(store.embeddingDims!, missing, queryVector)) vectorScores.set(pk, similarity(distance));
      ranked = fuseByScore(
        candidates,
        (pk) => keywordScores.get(pk) ?? 0,
        (pk) => vectorScores.get(pk) ?? 0,
      );
    }
  }
  const kept = ranked.filter((hit) => hit.score >= threshold).slice(0, limit);
  const scores = new Map(kept.map((hit) => [hit.pk, hit.score]));
  return ctx.catalog.chunks(kept.map((hit) => hit.pk)).map((chunk) => ({
    fileId: chunk.fileId,
    fileName: chunk.fileName,
    path: chunk.path,
    chunkId: chunk.chunkId,
    score: scores.get(chunk.pk)!,
    text: chunk.text,
    tokenStart: chunk.tokenStart,
    tokenEnd: chunk.tokenEnd,
    charStart: chunk.charStart,
    charEnd: chunk.charEnd,
  }));
}

async function vectorSearch(
  ctx: SearchContext,
  store: StoreRecord,
  query: string,
  depth: number,
  options: SearchOptions,
): Promise<{ hits: Ranked[]; queryVector: Float32Array }> {
  const { embedder } = options;
  if (!ctx.vectors || !ctx.cache)
    throw new AppFailure('E_UNSUPPORTED', 'Vector search needs the sqlite-vec extension, which could not be loaded into this database.');
  if (store.embedderId === null || store.embeddingDims === null) {
    throw new AppFailure('E_INVALID_REQUEST', `The store "${store.name}" has no vectors yet: index it with an embeddings endpoint first.`);
  }
  if (!embedder) throw new AppFailure('E_INVALID_REQUEST', 'Vector search needs an embeddings endpoint.');
  if (embedder.id !== store.embedderId) {
    throw new AppFailure('E_INVALID_REQUEST', `The store "${store.name}" was embedded with ${store.embedderId}, not ${embedder.id}; re-index it to switch.`);
  }
  // Query vectors are cached like chunk vectors: the same question asked again costs no request.
  const hash = createHash('sha256').update(query).digest('hex');
  let vector = ctx.cache.get(embedder.id, hash);
  if (!vector) {
    const [fresh] = await embedder.embed([query], options.signal);
    if (!fresh) throw new AppFailure('E_IO', 'The embeddings endpoint returned no vector for the query.');
    ctx.cache.put(embedder.id, hash, fresh);
    vector = fresh;
  }
  const hits =
    depth > 0 ? ctx.vectors.nearest(store.embeddingDims, store.id, vector, depth).map((hit) => ({ pk: hit.pk, score: similarity(hit.distance) })) : [];
  return { hits, queryVector: vector };
}
