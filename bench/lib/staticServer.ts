import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  origin: string;
  close: () => Promise<void>;
}

/** The file a request URL names inside `base`, or null for anything outside it or malformed. */
function resolveRequest(base: string, url: string | undefined): string | null {
  try {
    const file = normalize(join(base, decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname)));
    return file.startsWith(base) ? file : null;
  } catch {
    return null;
  }
}

/** Serves a built folder on 127.0.0.1 at a free port; read-only, no directory listings. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = normalize(root + sep);
  const server: Server = createServer((req, res) => {
    const file = resolveRequest(base, req.url);
    if (!file || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    stat(file)
      .then((info) => {
        if (!info.isFile()) throw new Error('not a file');
        // No caching: every measured load fetches the same bytes the same way.
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        createReadStream(file)
          .on('error', () => res.destroy())
          .pipe(res);
      })
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
