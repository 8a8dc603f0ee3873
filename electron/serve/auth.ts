import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiError } from './http.ts';

/** A new API key for the server: `sk-studio-` and 32 random bytes, base64url. */
export const newServeKey = (): string => `sk-studio-${randomBytes(32).toString('base64url')}`;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares in constant time; hashing first makes the lengths equal without leaking them. */
const keyMatches = (candidate: string, key: string): boolean => timingSafeEqual(digest(candidate), digest(key));

/** Whether an address or host name is this machine only (what the server binds to by default). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * The Host header values a loopback server answers to. Any other name (a foreign domain resolving to
 * 127.0.0.1, i.e. DNS rebinding) is refused; a server bound to another address has no such list.
 */
export function allowedHosts(host: string, port: number): Set<string> | null {
  if (!isLoopback(host)) return null;
  const own = host.includes(':') ? `[${host.replace(/^\[|\]$/g, '')}]` : host;
  return new Set(['127.0.0.1', 'localhost', '[::1]', own].map((name) => `${name}:${port}`));
}

const unauthorized = (message: string): ApiError => new ApiError(401, { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' });

/** Throws the API error that refuses the request, if any: a foreign Host, then a missing or wrong key. */
export function checkAccess(req: IncomingMessage, key: string, hosts: Set<string> | null): void {
  if (hosts && !hosts.has(req.headers.host ?? '')) {
    throw new ApiError(403, {
      message: 'Refused: the Host header does not name this server (use the base URL it printed at start).',
      type: 'invalid_request_error',
      param: null,
      code: 'forbidden_host',
    });
  }
  const auth = req.headers.authorization;
  if (!auth) {
    throw unauthorized(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    );
  }
  const match = /^Bearer\s+(.+)$/i.exec(auth);
  if (!match || !keyMatches(match[1]!.trim(), key)) {
    throw unauthorized('Incorrect API key provided. Use the key Assistant Studio printed when the server started (or the one it was given).');
  }
}
