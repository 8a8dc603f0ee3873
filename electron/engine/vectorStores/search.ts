import type { VectorStoreFile, VectorStoreSearchResult, VectorStoreSearchResultsPage } from '../../../shared/runtime/vectorStores.ts';
import type { SearchHit } from '../fileSearch/types.ts';
import { matchesFilter, parseFilter } from './filters.ts';
import { fieldsOf, invalid } from './params.ts';
import type { AttributeFilter, VectorStoresDeps } from './types.ts';

/**
 * How many passages each query reads when some must be left out afterwards (by the filter, or because
 * their file is still being indexed or was just removed), so that the page can still be filled.
 */
const FILTERED_DEPTH = 1000;

const RANKERS = ['none', 'auto', 'default-2024-11-15'];

export interface SearchQuery {
  queries: string[];
  maxResults: number;
  scoreThreshold: number;
  filter: AttributeFilter | undefined;
}

export function parseSearch(params: unknown): SearchQuery {
  const fields = fieldsOf(params, ['query', 'max_num_results', 'ranking_options', 'rewrite_query', 'filters']);
  const queries = typeof fields.query === 'string' ? [fields.query] : fields.query;
  if (!Array.isArray(queries) || queries.length === 0 || queries.some((query) => typeof query !== 'string' || query.trim() === '')) {
    throw invalid("Invalid 'query': expected a non-empty string or a non-empty array of them.");
  }
  const maxResults = fields.max_num_results ?? 10;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw invalid("Invalid 'max_num_results': expected an integer from 1 to 50.");
  }
  if (fields.rewrite_query !== undefined && typeof fields.rewrite_query !== 'boolean') throw invalid("Invalid 'rewrite_query': expected a boolean.");
  const ranking = fieldsOf(fields.ranking_options, ['ranker', 'score_threshold'], "'ranking_options'");
  if (ranking.ranker !== undefined && !RANKERS.includes(ranking.ranker as string)) {
    throw invalid(`Invalid 'ranking_options.ranker': expected one of ${RANKERS.join(', ')}.`);
  }
  const threshold = ranking.score_threshold ?? 0;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))
    throw invalid("Invalid 'ranking_options.score_threshold': expected a number from 0 to 1.");
  return { queries: queries as string[], maxResults, scoreThreshold: threshold, filter: parseFilter(fields.filters) };
}

/**
 * Searches a vector store's index store with every query and merges the passages, each with its best
 * score; only completed files count. Hybrid when the configured embedder is the one the store was
 * embedded with, keyword otherwise (scores are 0–1 either way).
 */
export async function searchFiles(
  deps: Pick<VectorStoresDeps, 'fileIndex' | 'embedder'>,
  vectorStoreId: string,
  files: readonly VectorStoreFile[],
  query: SearchQuery,
): Promise<VectorStoreSearchResultsPage> {
  const page = (data: VectorStoreSearchResult[]): VectorStoreSearchResultsPage => ({
    object: 'vector_store.search_results.page',
    search_query: query.queries,
    data,
    has_more: false,
    next_page: null,
  });
  const local = deps.fileIndex.store(vectorStoreId);
  if (!local) return page([]);
  const searchable = new Map(
    files.filter((file) => file.status === 'completed' && (!query.filter || matchesFilter(file.attributes ?? {}, query.filter))).map((file) => [file.id, file]),
  );
  const exact = !query.filter && deps.fileIndex.files(vectorStoreId).every((file) => file.chunkCount === 0 || searchable.has(file.path));
  const embedder = (await deps.embedder?.()) ?? null;
  const hybrid = embedder !== null && local.embedderId === embedder.id;
  const best = new Map<string, SearchHit>();
  for (const text of query.queries) {
    const hits = await deps.fileIndex.search(vectorStoreId, text, {
      mode: hybrid ? 'hybrid' : 'keyword',
      maxResults: exact ? query.maxResults : FILTERED_DEPTH,
      scoreThreshold: query.scoreThreshold,
      embedder: hybrid ? embedder : null,
    });
    for (const hit of hits) {
      if (!searchable.has(hit.path)) continue;
      const seen = best.get(hit.chunkId);
      if (!seen || seen.score < hit.score) best.set(hit.chunkId, hit);
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score).slice(0, query.maxResults);
  return page(
    ranked.map((hit) => ({
      file_id: hit.path,
      filename: hit.fileName,
      score: hit.score,
      attributes: searchable.get(hit.path)!.attributes,
      content: [{ type: 'text', text: hit.text }],
    })),
  );
}
