import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { fail, type AppError } from '../../shared/errors.ts';
import { EVENTS_PATH, INVOKE_PATH } from '../../shared/ipc/events.ts';
import type { Backend } from '../backend/backend.ts';
import type { Log } from '../backend/workspace/log.ts';
import { isAuthorized, newToken, originProblem, tokenCookie, tokenMatches } from './access.ts';
import { SECURITY_HEADERS } from './csp.ts';
import { serveInvoke } from './invoke.ts';
import { resolveStatic, sendFile } from './staticFiles.ts';

export interface WebHostOptions {
  backend: Pick<Backend, 'handle' | 'onEvent'>;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The access token; a random one when omitted. */
  token?: string;
  log?: Log;
}

export interface WebHost {
  /** The address to open, including the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

const sendError = (res: ServerResponse, status: number, code: AppError['code'], message: string): void => sendJson(res, status, fail(code, message));

/** Serves the renderer and the IPC contract on 127.0.0.1, behind a token (SPEC section 9). */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const { backend, staticDir } = options;
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const problem = originProblem(req, port);
    if (problem) return sendError(res, 403, 'E_FORBIDDEN_ORIGIN', `Refused: ${problem}.`);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === '/' && url.searchParams.has('token')) {
      if (req.method !== 'GET' || !tokenMatches(url.searchParams.get('token') ?? undefined, token)) {
        return sendError(res, 401, 'E_UNAUTHORIZED', 'The access token is wrong; use the address printed at start.');
      }
      res.writeHead(302, { ...SECURITY_HEADERS, 'Set-Cookie': tokenCookie(token), Location: '/', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (!isAuthorized(req, token)) return sendError(res, 401, 'E_UNAUTHORIZED', 'Open the address printed at start (it carries the access token).');

    if (url.pathname === INVOKE_PATH) {
      if (req.method !== 'POST') return sendError(res, 405, 'E_INVALID_REQUEST', `${INVOKE_PATH} accepts POST only.`);
      const outcome = await serveInvoke(req, (channel, request) => backend.handle(channel, request));
      return sendJson(res, outcome.status, outcome.result);
    }
    if (url.pathname.startsWith('/api/')) return sendError(res, 404, 'E_NOT_FOUND', `There is no ${url.pathname}.`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'E_INVALID_REQUEST', 'Only GET and HEAD are served here.');

    const found = await resolveStatic(staticDir, url.pathname);
    if (found.status === 404) return sendError(res, 404, 'E_NOT_FOUND', `There is no ${url.pathname}.`);
    if (found.status !== 200) return sendError(res, found.status, 'E_INVALID_REQUEST', 'The path is not allowed.');
    await sendFile(res, found.file, req.method === 'HEAD');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      options.log?.error(`web host failed on ${req.method} ${req.url?.split('?')[0]}`, error);
      if (!res.headersSent) sendError(res, 500, 'E_INTERNAL', 'Something went wrong inside Assistant Studio.');
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const refuseUpgrade = (socket: Duplex, status: number): void => {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The same checks as for HTTP, all before the upgrade, so a refused client never holds a socket.
    if (originProblem(req, port)) return refuseUpgrade(socket, 403);
    if (!isAuthorized(req, token)) return refuseUpgrade(socket, 401);
    if (url.pathname !== EVENTS_PATH) return refuseUpgrade(socket, 404);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      // The event stream is one-way; anything a client sends is ignored.
      ws.on('message', () => undefined);
      // A malformed or oversized frame is that client's problem: its socket goes, the host stays (an
      // 'error' event without a listener would end the process, and every run with it).
      ws.on('error', (error) => {
        options.log?.warn(`closed an event socket that sent a bad frame: ${error.message}`);
        ws.terminate();
      });
    });
  });
  const unsubscribe = backend.onEvent((event) => {
    const text = JSON.stringify(event);
    for (const client of sockets.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the web host has no TCP address');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
