import type { IncomingMessage } from 'node:http';
import { ApiError, invalidRequest, sendJson, type Route, type RouteContext } from './http.ts';
import { parseScript } from './scriptFile.ts';
import type { ModelRequest, ScriptData, Simulator } from './types.ts';

/** Where the control endpoints live: outside `/v1`, so they can never shadow an API route. */
export const CONTROL_PREFIX = '/__simulator/';

/** The part of the simulator another process drives (README: Driving it from another process). */
export type Controls = Pick<Simulator, 'load' | 'reset' | 'requests' | 'pendingTurns'>;

/** `POST …/script`, `POST …/reset`, `GET …/requests` and `GET …/state`, each answering JSON. */
export function controlRoutes(controls: Controls): Route[] {
  const state = () => ({ pendingTurns: controls.pendingTurns, requests: controls.requests.length });
  return [
    {
      method: 'POST',
      path: /^\/__simulator\/script$/,
      handle: (ctx) => {
        controls.load(scriptBody(ctx), { append: flag(ctx.url, 'append') });
        sendJson(ctx.res, 200, state());
      },
    },
    {
      method: 'POST',
      path: /^\/__simulator\/reset$/,
      handle: (ctx) => {
        controls.reset();
        sendJson(ctx.res, 200, state());
      },
    },
    {
      method: 'GET',
      path: /^\/__simulator\/requests$/,
      handle: (ctx) => {
        const since = sinceParam(ctx.url);
        sendJson(ctx.res, 200, { requests: controls.requests.slice(since).map(asJson), next: controls.requests.length });
      },
    },
    { method: 'GET', path: /^\/__simulator\/state$/, handle: (ctx) => sendJson(ctx.res, 200, state()) },
  ];
}

const LOOPBACK_ADDRESS = /^(127\.|::1$|::ffff:127\.)/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/**
 * Refuses a control request that does not come from this machine (the server listens on 127.0.0.1 only, so
 * this holds unless that changes), that names another host (a DNS-rebinding page) or that a web page sent
 * (browsers add `Origin`; curl, the SDK and Node's fetch do not).
 */
export function checkLocal(req: IncomingMessage): void {
  const refuse = (why: string) =>
    new ApiError(403, { message: `The simulator's control endpoints ${why}.`, type: 'invalid_request_error', param: null, code: null });
  if (!LOOPBACK_ADDRESS.test(req.socket.remoteAddress ?? '')) throw refuse('answer only this machine');
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) throw refuse('answer only requests for 127.0.0.1 or localhost');
  if (req.headers.origin !== undefined) throw refuse('do not answer web pages');
}

function scriptBody(ctx: RouteContext): ScriptData {
  let value: unknown;
  try {
    value = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw invalidRequest('The script must be JSON: an array of turns or {"turns": [...], "then": "echo" | "error"}.');
  }
  const parsed = parseScript(value);
  if (!parsed.ok) throw invalidRequest(`The script is invalid: ${parsed.issues.join('; ')}`, null, 'invalid_script');
  return parsed.script;
}

function flag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  if (value === null || value === '0' || value === 'false') return false;
  if (value === '' || value === '1' || value === 'true') return true;
  throw invalidRequest(`Invalid value for '${name}': expected 1 or 0.`, name);
}

function sinceParam(url: URL): number {
  const value = url.searchParams.get('since');
  if (value === null) return 0;
  if (!/^\d+$/.test(value)) throw invalidRequest("Invalid value for 'since': expected a request count (0, 1, 2, ...).", 'since');
  return Number(value);
}

// JSON has no undefined: the fields a request may lack become null, so every logged request has the same keys.
function asJson(request: ModelRequest): Record<string, unknown> {
  return { ...request, lastUserText: request.lastUserText ?? null, previousResponseId: request.previousResponseId ?? null };
}
