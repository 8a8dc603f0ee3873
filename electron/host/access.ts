import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const TOKEN_COOKIE = 'studio_token';

/** A new access token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Compares in constant time; hashing first makes the lengths equal without leaking them. */
export function tokenMatches(candidate: string | undefined, token: string): boolean {
  return candidate !== undefined && timingSafeEqual(digest(candidate), digest(token));
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Whether the request carries the token, as the cookie set by `/?token=` or as a bearer token. */
export function isAuthorized(req: IncomingMessage, token: string): boolean {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokenMatches(auth.slice('Bearer '.length).trim(), token)) return true;
  return tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token);
}

/**
 * Why a request must be refused before anything else, or null. The Host check defeats DNS rebinding (a
 * foreign name resolving to 127.0.0.1); the Origin check stops other sites' pages from calling the API.
 */
export function originProblem(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return 'unexpected Host header';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return 'foreign Origin';
  return null;
}

export const tokenCookie = (token: string): string => `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
