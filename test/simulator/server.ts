import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assistantRoutes } from './assistantRoutes.ts';
import { AssistantsState } from './assistants.ts';
import { containerRoutes } from './containerRoutes.ts';
import { Containers } from './containers.ts';
import { CONTROL_PREFIX, checkLocal, controlRoutes } from './control.ts';
import { createEmbeddings } from './embeddings.ts';
import { deleteFile, fileContent, FileStore, listFiles, retrieveFile, uploadFile } from './files.ts';
import { ApiError, newId, notFound, readBody, sendError, type Route } from './http.ts';
import { answerModelRequest } from './model.ts';
import { listModels, retrieveModel } from './models.ts';
import { endRule, Script } from './script.ts';
import { threadRoutes } from './threadRoutes.ts';
import { threadRunRoutes } from './threadRunRoutes.ts';
import type { ModelRequest, Rule, ScriptData, Simulator } from './types.ts';
import { vectorStoreRoutes } from './vectorStoreRoutes.ts';
import { VectorStores } from './vectorStores.ts';

export type { ModelRequest, Simulator } from './types.ts';
export { echoRule } from './script.ts';

const KEEP_ALIVE_MS = 60_000;

export interface SimulatorOptions {
  /** Listen on this port (default: a random free one). */
  port?: number;
  /** How long files attached to vector stores stay `in_progress` (default 0: completed at once). */
  indexingDelayMs?: number;
  /** The rule in place at the start and after `reset()` (default none: with no turn queued, a request fails). */
  rule?: Rule;
}

/** Starts an OpenAI API imitation on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const script = new Script(options.rule);
  const files = new FileStore();
  const initialDelay = options.indexingDelayMs ?? 0;
  const stores = new VectorStores(files, initialDelay);
  const containers = new Containers(files);
  const requests: ModelRequest[] = [];
  const hostedEnv = { stores, containers };
  const assistants = new AssistantsState();
  const assistantsEnv = { state: assistants, script, requests, refs: { files, stores } };
  const routes: Route[] = [
    { method: 'POST', path: /^\/v1\/responses$/, handle: (ctx) => answerModelRequest(ctx, 'responses', script, requests, hostedEnv) },
    { method: 'POST', path: /^\/v1\/chat\/completions$/, handle: (ctx) => answerModelRequest(ctx, 'chat', script, requests, hostedEnv) },
    { method: 'GET', path: /^\/v1\/models$/, handle: listModels },
    { method: 'GET', path: /^\/v1\/models\/(?<id>[^/]+)$/, handle: retrieveModel },
    { method: 'POST', path: /^\/v1\/embeddings$/, handle: createEmbeddings },
    { method: 'POST', path: /^\/v1\/files$/, handle: (ctx) => uploadFile(ctx, files) },
    { method: 'GET', path: /^\/v1\/files$/, handle: (ctx) => listFiles(ctx, files) },
    { method: 'GET', path: /^\/v1\/files\/(?<id>[^/]+)$/, handle: (ctx) => retrieveFile(ctx, files) },
    { method: 'GET', path: /^\/v1\/files\/(?<id>[^/]+)\/content$/, handle: (ctx) => fileContent(ctx, files) },
    { method: 'DELETE', path: /^\/v1\/files\/(?<id>[^/]+)$/, handle: (ctx) => deleteFile(ctx, files) },
    ...vectorStoreRoutes(stores),
    ...containerRoutes(containers),
    ...assistantRoutes(assistantsEnv),
    // Before the thread routes: `POST /v1/threads/runs` also matches `POST /v1/threads/{id}`.
    ...threadRunRoutes(assistantsEnv),
    ...threadRoutes(assistantsEnv),
  ];
  const load = (data: ScriptData, { append = false } = {}): void => {
    if (append) script.add(data.turns);
    else script.replace(data.turns);
    if (data.end !== undefined) script.setRule(endRule(data.end));
  };
  const reset = (): void => {
    script.clear();
    files.clear();
    stores.clear();
    stores.indexingDelayMs = initialDelay;
    containers.clear();
    assistants.clear();
    requests.length = 0;
  };
  const control = controlRoutes({
    load,
    reset,
    requests,
    get pendingTurns() {
      return script.pending;
    },
  });
  const server = createServer((req, res) => void serve(req, res, routes, control));
  // Tests run client and server in one process: a long synchronous step (compiling a schema, say) lets
  // Node's 5 s idle timeout close a kept-alive socket just as the client reuses it (ECONNRESET).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    get pendingTurns() {
      return script.pending;
    },
    get indexingDelayMs() {
      return stores.indexingDelayMs;
    },
    set indexingDelayMs(ms: number) {
      stores.indexingDelayMs = ms;
    },
    script: (...turns) => script.add(turns),
    rule: (fn) => script.setRule(fn),
    load,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Stalled streams would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, routes: Route[], control: Route[]): Promise<void> {
  res.setHeader('x-request-id', newId('req_'));
  const closed = new AbortController();
  res.once('close', () => closed.abort());
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    // The control endpoints need no key but answer only this machine; the API wants a key, as OpenAI's does.
    const isControl = url.pathname.startsWith(CONTROL_PREFIX);
    if (isControl) checkLocal(req);
    else if (!/^Bearer \S/.test(req.headers.authorization ?? '')) throw missingKey();
    const method = req.method ?? 'GET';
    for (const route of isControl ? control : routes) {
      const match = route.method === method ? route.path.exec(url.pathname) : null;
      if (!match) continue;
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
      await route.handle({ req, res, url, params, body, signal: closed.signal });
      return;
    }
    throw notFound(`Invalid URL (${method} ${url.pathname})`);
  } catch (error) {
    // Once a stream has started, the only way left to signal a failure is to cut the connection.
    if (res.headersSent) res.destroy();
    else sendError(res, error instanceof ApiError ? error : internalError(error));
  }
}

function missingKey(): ApiError {
  return new ApiError(401, {
    message:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    type: 'invalid_request_error',
    param: null,
    code: null,
  });
}

// A bug in the simulator itself: report it without inviting the SDK to retry.
function internalError(error: unknown): ApiError {
  const message = `Simulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  return new ApiError(500, { message, type: 'server_error', param: null, code: null }, { 'x-should-retry': 'false' });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
