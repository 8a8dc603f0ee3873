import { parseChunking } from './chunking.ts';
import { optionalString, parseExpiresAfter, parseMetadata, stringArray } from './fields.ts';
import { invalidRequest, param, parseJsonObject, sendJson, type Route, type RouteContext } from './http.ts';
import { listBody, pageOf } from './paging.ts';
import { scoreThreshold, searchChunks } from './search.ts';
import { vectorStoreFileRoutes } from './vectorStoreFileRoutes.ts';
import { pollHeaders, storeView, type VectorStores } from './vectorStores.ts';

const STORE = '^/v1/vector_stores/(?<store>[^/]+)';

/** `/v1/vector_stores` and everything under it. */
export function vectorStoreRoutes(stores: VectorStores): Route[] {
  return [
    { method: 'POST', path: /^\/v1\/vector_stores$/, handle: (ctx) => createStore(ctx, stores) },
    { method: 'GET', path: /^\/v1\/vector_stores$/, handle: (ctx) => listStores(ctx, stores) },
    { method: 'GET', path: new RegExp(`${STORE}$`), handle: (ctx) => sendJson(ctx.res, 200, storeView(stores.get(param(ctx, 'store'))), pollHeaders(stores)) },
    { method: 'POST', path: new RegExp(`${STORE}$`), handle: (ctx) => updateStore(ctx, stores) },
    { method: 'DELETE', path: new RegExp(`${STORE}$`), handle: (ctx) => deleteStore(ctx, stores) },
    { method: 'POST', path: new RegExp(`${STORE}/search$`), handle: (ctx) => search(ctx, stores) },
    ...vectorStoreFileRoutes(stores, STORE),
  ];
}

function createStore(ctx: RouteContext, stores: VectorStores): void {
  const body = parseJsonObject(ctx.body);
  const fileIds = body.file_ids === undefined ? [] : stringArray(body.file_ids, 'file_ids', 500);
  const chunking = parseChunking(body.chunking_strategy);
  const store = stores.create({
    name: optionalString(body, 'name') ?? '',
    metadata: parseMetadata(body.metadata),
    expiresAfter: parseExpiresAfter(body.expires_after),
  });
  try {
    for (const fileId of fileIds) stores.attach(store, fileId, chunking, {});
  } catch (error) {
    // A store whose files cannot all be found is not created.
    stores.stores.delete(store.id);
    throw error;
  }
  sendJson(ctx.res, 200, storeView(store), pollHeaders(stores));
}

function listStores(ctx: RouteContext, stores: VectorStores): void {
  const { page, hasMore } = pageOf([...stores.stores.values()], ctx.url.searchParams, {
    defaultLimit: 20,
    maxLimit: 100,
    missing: (id) => `No vector store found with id '${id}'.`,
  });
  sendJson(ctx.res, 200, listBody(page.map(storeView) as { id: string }[], hasMore));
}

function updateStore(ctx: RouteContext, stores: VectorStores): void {
  const store = stores.get(param(ctx, 'store'));
  const body = parseJsonObject(ctx.body);
  if ('name' in body) store.name = optionalString(body, 'name') ?? '';
  if ('expires_after' in body) store.expiresAfter = parseExpiresAfter(body.expires_after);
  if ('metadata' in body) store.metadata = parseMetadata(body.metadata);
  sendJson(ctx.res, 200, storeView(store));
}

function deleteStore(ctx: RouteContext, stores: VectorStores): void {
  const store = stores.get(param(ctx, 'store'));
  stores.stores.delete(store.id);
  sendJson(ctx.res, 200, { id: store.id, object: 'vector_store.deleted', deleted: true });
}

/** `POST /v1/vector_stores/{id}/search`: keyword search over the store's completed files, one result per chunk. */
function search(ctx: RouteContext, stores: VectorStores): void {
  const id = param(ctx, 'store');
  const body = parseJsonObject(ctx.body);
  const queries = typeof body.query === 'string' ? [body.query] : body.query === undefined ? [] : stringArray(body.query, 'query', 100);
  if (queries.length === 0 || queries.some((query) => query === ''))
    throw invalidRequest("Missing required parameter: 'query'.", 'query', 'missing_required_parameter');
  const maxResults = body.max_num_results ?? 10;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw invalidRequest("Invalid 'max_num_results': must be an integer from 1 to 50.", 'max_num_results', 'invalid_value');
  }
  const hits = searchChunks(stores.chunks([id]), queries, { maxResults, scoreThreshold: scoreThreshold(body.ranking_options), filters: body.filters });
  sendJson(ctx.res, 200, {
    object: 'vector_store.search_results.page',
    search_query: queries,
    data: hits.map(({ chunk, score }) => ({
      file_id: chunk.fileId,
      filename: chunk.filename,
      score,
      attributes: chunk.attributes,
      content: [{ type: 'text', text: chunk.text }],
    })),
    has_more: false,
    next_page: null,
  });
}
