import { AppFailure } from '../../shared/errors.ts';
import type {
  BatchCreateParams,
  FileCreateParams,
  FileListParams,
  FileUpdateParams,
  SearchParams,
  VectorStoreCreateParams,
  VectorStoreService,
  VectorStoreUpdateParams,
} from '../engine/index.ts';
import { invalidRequest, notFound, type RequestContext, type Route } from './http.ts';
import type { ServeContext } from './types.ts';

// The service checks every parameter itself (a parsed JSON body may be passed to it as it is) and says
// what is wrong in the API's words, naming the parameter; these routes only map its answers to HTTP.

/** How the service's messages name the offending parameter, as the API's `param` and `code` give it. */
const PARAM_PATTERNS: readonly [RegExp, string][] = [
  [/^Invalid '([^']+)'/, 'invalid_value'],
  [/^Missing required parameter: '([^']+)'/, 'missing_required_parameter'],
  [/^Unrecognized request argument supplied: ([^,.\s]+)/, 'unknown_parameter'],
];

/** The API error for a failure of the service: a 400 or 404 with `param` when its message names one. */
function apiErrorOf(error: unknown): unknown {
  if (!(error instanceof AppFailure) || (error.code !== 'E_INVALID_REQUEST' && error.code !== 'E_NOT_FOUND')) return error;
  const named = PARAM_PATTERNS.map(([pattern, code]) => [pattern.exec(error.message)?.[1], code] as const).find(([param]) => param !== undefined);
  if (error.code === 'E_NOT_FOUND') return notFound(error.message, named?.[0] ?? null);
  return invalidRequest(error.message, named?.[0] ?? null, named?.[1] ?? null);
}

/** The paging parameters of a list as the query string gives them: the service checks them, taking `limit` as digits too. */
function listQuery(url: URL, withFilter: boolean): FileListParams {
  const names = withFilter ? ['limit', 'order', 'after', 'before', 'filter'] : ['limit', 'order', 'after', 'before'];
  return Object.fromEntries(names.flatMap((name) => (url.searchParams.get(name) ? [[name, url.searchParams.get(name)]] : []))) as FileListParams;
}

type Handler = (service: VectorStoreService, req: RequestContext, ids: { store: string; file: string; batch: string }) => unknown;

/**
 * `/vector_stores`: local vector stores, their files and file batches, from the vector store service.
 * Store, file and batch answers carry `openai-poll-after-ms`, which the SDKs' polling helpers follow.
 * A server without the service answers every one of these paths with a 400 that says so.
 */
export function vectorStoreRoutes(ctx: ServeContext): Route[] {
  const route = (method: Route['method'], path: string, handler: Handler, polled = false): Route => ({
    method,
    path,
    async handle(req) {
      const service = ctx.vectorStoreService;
      if (!service) throw invalidRequest('Vector stores are not available: this server was started without a vector store service.');
      const { vector_store_id: store = '', file_id: file = '', batch_id: batch = '' } = req.params;
      let answer: unknown;
      try {
        answer = await handler(service, req, { store, file, batch });
      } catch (error) {
        throw apiErrorOf(error);
      }
      if (polled) req.res.setHeader('openai-poll-after-ms', String(ctx.pollAfterMs));
      return answer;
    },
  });
  const polled = (method: Route['method'], path: string, handler: Handler): Route => route(method, path, handler, true);
  const json = async <T>(req: RequestContext): Promise<T> => (await req.json()) as T;

  return [
    polled('POST', '/vector_stores', async (service, req) => service.create(await json<VectorStoreCreateParams>(req))),
    route('GET', '/vector_stores', (service, req) => service.list(listQuery(req.url, false))),
    polled('GET', '/vector_stores/:vector_store_id', (service, _req, id) => service.get(id.store)),
    polled('POST', '/vector_stores/:vector_store_id', async (service, req, id) => service.update(id.store, await json<VectorStoreUpdateParams>(req))),
    route('DELETE', '/vector_stores/:vector_store_id', (service, _req, id) => service.delete(id.store)),
    route('POST', '/vector_stores/:vector_store_id/search', async (service, req, id) => service.search(id.store, await json<SearchParams>(req))),

    polled('POST', '/vector_stores/:vector_store_id/files', async (service, req, id) => service.files.create(id.store, await json<FileCreateParams>(req))),
    route('GET', '/vector_stores/:vector_store_id/files', (service, req, id) => service.files.list(id.store, listQuery(req.url, true))),
    polled('GET', '/vector_stores/:vector_store_id/files/:file_id', (service, _req, id) => service.files.get(id.store, id.file)),
    polled('POST', '/vector_stores/:vector_store_id/files/:file_id', async (service, req, id) =>
      service.files.update(id.store, id.file, await json<FileUpdateParams>(req)),
    ),
    route('DELETE', '/vector_stores/:vector_store_id/files/:file_id', (service, _req, id) => service.files.delete(id.store, id.file)),
    route('GET', '/vector_stores/:vector_store_id/files/:file_id/content', (service, _req, id) => service.files.content(id.store, id.file)),

    polled('POST', '/vector_stores/:vector_store_id/file_batches', async (service, req, id) =>
      service.batches.create(id.store, await json<BatchCreateParams>(req)),
    ),
    polled('GET', '/vector_stores/:vector_store_id/file_batches/:batch_id', (service, _req, id) => service.batches.get(id.store, id.batch)),
    polled('POST', '/vector_stores/:vector_store_id/file_batches/:batch_id/cancel', (service, _req, id) => service.batches.cancel(id.store, id.batch)),
    route('GET', '/vector_stores/:vector_store_id/file_batches/:batch_id/files', (service, req, id) =>
      service.batches.listFiles(id.store, id.batch, listQuery(req.url, true)),
    ),
  ];
}
