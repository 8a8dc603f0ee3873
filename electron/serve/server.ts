import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { assistantRoutes } from './assistants.ts';
import { allowedHosts, checkAccess } from './auth.ts';
import { fileRoutes } from './files.ts';
import { newRequestId, notFound, parseJsonObject, readBody, RESPONDED, type RequestContext, router, sendError, sendJson, toApiError } from './http.ts';
import { messageRoutes } from './messages.ts';
import { modelRoutes } from './models.ts';
import { runRoutes } from './runs.ts';
import { stepRoutes } from './steps.ts';
import { threadRoutes } from './threads.ts';
import type { AssistantsServer, AssistantsServerOptions, ServeContext } from './types.ts';
import { vectorStoreAccess } from './vectorStoreAccess.ts';
import { vectorStoreRoutes } from './vectorStores.ts';

export type { AssistantsServer, AssistantsServerOptions, CanvasProject } from './types.ts';

const DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** OpenAI's runs waited up to 60 s for a thread's vector store to finish indexing. */
const DEFAULT_VECTOR_STORE_WAIT_MS = 60_000;
// Clients reuse kept-alive sockets; a short idle timeout closes one just as a client reuses it (ECONNRESET).
const KEEP_ALIVE_MS = 65_000;

const silent = { info: () => undefined, error: () => undefined };

/**
 * The Assistants API v2 over HTTP, backed by the runtime: what `npm run serve` (and the app's switch)
 * serve, so existing Assistants code runs unchanged with OPENAI_BASE_URL pointed at it.
 */
export async function createAssistantsServer(options: AssistantsServerOptions): Promise<AssistantsServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silent;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const ctx: ServeContext = {
    runtime: options.runtime,
    providerId: options.providerId,
    resolveModel: options.resolveModel,
    listModels: options.listModels ?? (async () => []),
    log,
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    pollAfterMs: options.pollAfterMs ?? 100,
    vectorStoreService: options.vectorStoreService ?? null,
    vectorStores: options.vectorStoreService ? vectorStoreAccess(options.vectorStoreService, options.vectorStoreWaitMs ?? DEFAULT_VECTOR_STORE_WAIT_MS) : null,
    canvas: options.canvas ?? (async () => null),
    startedAt: Math.floor(Date.now() / 1000),
  };
  // `POST /threads/runs` comes before the thread routes, where `POST /threads/{thread_id}` would take it.
  const route = router([
    ...assistantRoutes(ctx),
    ...runRoutes(ctx),
    ...stepRoutes(ctx),
    ...messageRoutes(ctx),
    ...threadRoutes(ctx),
    ...fileRoutes(ctx),
    ...vectorStoreRoutes(ctx),
    ...modelRoutes(ctx),
  ]);
  let hosts: Set<string> | null = null;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkAccess(req, options.key, hosts);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = route(req.method ?? 'GET', url.pathname.replace(/\/+$/, ''));
    if (!found) throw notFound(`Invalid URL (${req.method} ${url.pathname})`);
    let body: Promise<Buffer> | null = null;
    const bytes = (limit: number): Promise<Buffer> => (body ??= readBody(req, limit));
    const context: RequestContext = {
      req,
      res,
      url,
      params: found.params,
      json: async () => parseJsonObject(await bytes(maxBodyBytes)),
      bytes,
    };
    const result = await found.route.handle(context);
    if (result !== RESPONDED) sendJson(res, 200, result);
  }

  const server = createServer((req, res) => {
    res.setHeader('x-request-id', newRequestId());
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    serve(req, res).catch((error: unknown) => {
      const where = `${req.method} ${req.url?.split('?')[0]}`;
      const apiError = toApiError(error, (message, cause) => log.error(message, cause), where);
      try {
        if (!res.headersSent) sendError(res, apiError);
        // A failure after a stream began: the SDKs read an `error` event, then the end of the stream.
        else if (!res.writableEnded) res.end(`event: error\ndata: ${JSON.stringify(apiError.body)}\n\nevent: done\ndata: [DONE]\n\n`);
      } catch {
        // The client is gone; nothing is left to tell it.
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('the Assistants API server failed', error));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the Assistants API server has no TCP address');
  hosts = allowedHosts(host, address.port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${address.port}/v1`,
    port: address.port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
