import type { IncomingMessage } from 'node:http';
import { fail, type Result } from '../../shared/errors.ts';
import { parseJson } from '../../shared/json/bounded.ts';

/** Largest accepted request body: projects with long handlers and schemas stay far below this. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface InvokeOutcome {
  /** 200 whenever the envelope reached the backend, even when the Result is a failure. */
  status: 200 | 400 | 413 | 415;
  result: Result<unknown>;
}

type Handle = (channel: string, request: unknown) => Promise<Result<unknown>>;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Keep draining after the limit so that the client receives the 413 instead of a reset connection.
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  return tooLarge ? null : Buffer.concat(chunks);
}

/** Serves `POST /api/invoke`: a JSON envelope `{channel, request}` in, the backend's Result out. */
export async function serveInvoke(req: IncomingMessage, handle: Handle): Promise<InvokeOutcome> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { status: 415, result: fail('E_INVALID_REQUEST', 'Requests must be sent as application/json.') };
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    return { status: 413, result: fail('E_INVALID_REQUEST', 'The request is too large.') };
  }
  const body = await readBody(req);
  if (body === null) return { status: 413, result: fail('E_INVALID_REQUEST', 'The request is too large.') };
  const read = parseJson(body.toString('utf8'));
  if (!read.ok) {
    if (read.problem === 'limit') return { status: 413, result: fail('E_JSON_LIMIT', `The request cannot be read: ${read.message}.`) };
    return { status: 400, result: fail('E_INVALID_REQUEST', 'The request body is not valid JSON.') };
  }
  const envelope = read.value;
  if (!envelope || typeof envelope !== 'object' || Array.isArray(envelope) || typeof (envelope as { channel?: unknown }).channel !== 'string') {
    return { status: 400, result: fail('E_INVALID_REQUEST', 'The request must be {"channel": string, "request": object}.') };
  }
  const { channel, request } = envelope as { channel: string; request?: unknown };
  return { status: 200, result: await handle(channel, request) };
}
