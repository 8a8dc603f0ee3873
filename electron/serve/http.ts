import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppFailure } from '../../shared/errors.ts';
import { parseJson } from '../../shared/json/bounded.ts';

/** OpenAI's error object: the value of `error` in every error body (spec `Error`). */
export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** Thrown by handlers; the server answers with its status and OpenAI's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

export const invalidRequest = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(400, { message, type: 'invalid_request_error', param, code });

export const notFound = (message: string, param: string | null = null, code: string | null = null): ApiError =>
  new ApiError(404, { message, type: 'invalid_request_error', param, code });

/** What `get` returns; the runtime's not-found becomes the API's 404 ("No thread found with id 'thread_x'."). */
export function found<T>(get: () => T, noun: string, id: string): T {
  try {
    return get();
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'E_NOT_FOUND') throw notFound(`No ${noun} found with id '${id}'.`);
    throw error;
  }
}

/** Marks a request the handler answered itself (a stream, a file's bytes). */
export const RESPONDED = Symbol('responded');

/** What a route handler gets. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** The JSON body, read within the size bound: an object, `{}` when the body is empty. */
  json(): Promise<Record<string, unknown>>;
  /** The raw body within a size bound (multipart uploads). */
  bytes(limit: number): Promise<Buffer>;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path under /v1 with `:name` segments, e.g. `/threads/:thread_id/runs`. */
  path: string;
  /** Answers with the JSON value returned (status 200), or RESPONDED when it wrote the response itself. */
  handle(ctx: RequestContext): unknown;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
}

const compile = (route: Route): CompiledRoute => ({
  ...route,
  pattern: new RegExp(`^/v1${route.path.replace(/:(\w+)/g, (_m, name: string) => `(?<${name}>[^/]+)`)}$`),
});

/** Finds the route of a request; literal paths are listed before parameterised ones that would match them. */
export function router(routes: readonly Route[]): (method: string, pathname: string) => { route: Route; params: Record<string, string> } | null {
  const compiled = routes.map(compile);
  return (method, pathname) => {
    for (const route of compiled) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = safeDecode(value);
      return { route, params };
    }
    return null;
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const newRequestId = (): string => `req_${randomBytes(12).toString('hex')}`;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export const sendError = (res: ServerResponse, error: ApiError): void => sendJson(res, error.status, { error: error.body });

const tooLarge = (limit: number): ApiError =>
  new ApiError(413, {
    message: `The request body is larger than the limit of ${limit} bytes.`,
    type: 'invalid_request_error',
    param: null,
    code: 'request_too_large',
  });

/**
 * Reads a body of at most `limit` bytes. Past the limit the rest is drained, not kept, so the client
 * receives the 413 instead of a reset connection (which the SDKs would retry).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit && declared <= limit) chunks.push(chunk);
  }
  if (size > limit || declared > limit) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const read = parseJson(body.toString('utf8'));
  if (!read.ok && read.problem === 'limit') throw invalidRequest(`The JSON body of your request cannot be read: ${read.message}.`);
  if (!read.ok) {
    throw invalidRequest(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The API expects a JSON payload, but what was sent was not valid JSON.)",
    );
  }
  const parsed = read.value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidRequest('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

/**
 * The API error a thrown value stands for. The runtime's AppFailures keep their message when they are
 * the client's fault; anything else is a 500 whose detail goes to the log only.
 */
export function toApiError(error: unknown, log: (message: string, cause: unknown) => void, where: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof AppFailure) {
    if (error.code === 'E_NOT_FOUND') return notFound(error.message);
    if (error.code === 'E_INVALID_REQUEST' || error.code === 'E_UNSUPPORTED') return invalidRequest(error.message);
  }
  log(`${where} failed`, error);
  return new ApiError(500, { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null });
}
