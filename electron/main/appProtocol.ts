import * as fs from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeOf } from '../host/contentTypes.ts';
import { SECURITY_HEADERS } from '../host/csp.ts';
import { resolveStatic } from '../host/staticFiles.ts';

const APP_SCHEME = 'app';
const APP_HOST = 'studio';
/** The window's origin; the renderer is only ever loaded from here. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready: makes app:// a secure, standard origin (fetch, workers, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

// Node's URL reports origin "null" for schemes it does not know, so protocol and host are compared.
export const isAppUrl = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
};

/**
 * Serves the built renderer on app://studio/ with the same path checks and security headers as the web
 * host (shared code), so the window never loads file:// URLs.
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (!isAppUrl(request.url) || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response(null, { status: 403, headers: SECURITY_HEADERS });
    }
    const found = await resolveStatic(rendererDir, url.pathname);
    if (found.status !== 200) return new Response(null, { status: found.status, headers: SECURITY_HEADERS });
    const body = request.method === 'HEAD' ? null : await fs.readFile(found.file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(found.file) } });
  });
}
