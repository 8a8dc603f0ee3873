import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { contentTypeOf } from './contentTypes.ts';
import { SECURITY_HEADERS } from './csp.ts';

export type StaticResult = { status: 200; file: string } | { status: 400 | 403 | 404 };

const within = (root: string, file: string): boolean => file === root || file.startsWith(root + path.sep);

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Maps a URL path to a file under `root`, or says why not. Paths that leave the root, by `..`, encoded
 * separators or symlinks, are refused; an unknown path without a file extension is a client-side route
 * and gets index.html (the SPA fallback), while a missing asset is a plain 404.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const realRoot = await fs.realpath(root);
  const candidate = path.join(realRoot, decoded);
  if (!within(realRoot, candidate)) return { status: 403 };
  const index = path.join(realRoot, 'index.html');
  if (candidate === realRoot) return { status: 200, file: index };
  if (await isFile(candidate)) {
    const real = await fs.realpath(candidate);
    return within(realRoot, real) ? { status: 200, file: real } : { status: 403 };
  }
  return path.extname(candidate) === '' ? { status: 200, file: index } : { status: 404 };
}

/** Sends a static file with its content type and the security headers. */
export async function sendFile(res: ServerResponse, file: string, headOnly: boolean): Promise<void> {
  const { size } = await fs.stat(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(size),
    // The entry page must always be fresh so that a rebuilt app is picked up; hashed assets may be revalidated.
    'Cache-Control': path.basename(file) === 'index.html' ? 'no-store' : 'no-cache',
  });
  if (headOnly) return void res.end();
  await pipeline(createReadStream(file), res);
}
