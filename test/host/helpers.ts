import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { createBackend, type Backend } from '../../electron/engine/backend.ts';
import { confSettingsStore } from '../../electron/host/settingsStore.ts';
import { startWebHost, type WebHost } from '../../electron/host/server.ts';
import { recordingLog, tempDir, testBackendDeps } from '../engine/helpers.ts';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: unlike fetch it sends the path and Host header exactly as given. */
export function send(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A web host over a temp data dir and a temp static dir holding a tiny built renderer. */
export async function startTestHost(): Promise<{ host: WebHost; backend: Backend; dataDir: string; staticDir: string }> {
  const root = await tempDir();
  const dataDir = path.join(root, 'data');
  const staticDir = path.join(root, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Assistant Studio</title><div id="root"></div>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(staticDir, 'assets', 'editor.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(path.join(staticDir, 'assets', 'codicon.ttf'), Buffer.from([0, 1, 0, 0]));
  await writeFile(path.join(root, 'secret.txt'), 'outside the static dir');
  const log = recordingLog();
  const backend = createBackend(await testBackendDeps(dataDir, { settings: confSettingsStore(dataDir), log }));
  const host = await startWebHost({ backend, staticDir, port: 0, log });
  return { host, backend, dataDir, staticDir };
}
