import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { WebSocket } from 'ws';
import { createBackend, type Backend } from '../../electron/backend/backend.ts';
import { confSettingsStore } from '../../electron/host/settingsStore.ts';
import { startWebHost, type WebHost } from '../../electron/host/server.ts';
import type { Result } from '../../shared/errors.ts';
import { appEventSchema, type AppEvent } from '../../shared/ipc/events.ts';
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
export async function startTestHost(): Promise<{ host: WebHost; backend: Backend; dataDir: string; staticDir: string; log: ReturnType<typeof recordingLog> }> {
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
  return { host, backend, dataDir, staticDir, log };
}

/** A client of a running host as the window is one: invoke over HTTP, events from the socket. */
export interface HostClient {
  invoke<T>(channel: string, request: unknown): Promise<Result<T>>;
  /** The value of a call that must succeed. */
  value<T>(channel: string, request: unknown): Promise<T>;
  /** Every event received so far, parsed against the contract. */
  received: AppEvent[];
  close(): void;
}

/** Connects to the host with its token and waits for the event socket to open. */
export async function connectClient(host: WebHost): Promise<HostClient> {
  const auth = { Authorization: `Bearer ${host.token}` };
  const invoke = async <T>(channel: string, request: unknown): Promise<Result<T>> => {
    const reply = await send(host.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, request }),
    });
    return JSON.parse(reply.body) as Result<T>;
  };
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: auth });
  await new Promise((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('error', reject);
  });
  const received: AppEvent[] = [];
  ws.on('message', (data: Buffer) => received.push(appEventSchema.parse(JSON.parse(data.toString('utf8')))));
  return {
    invoke,
    value: async <T>(channel: string, request: unknown): Promise<T> => {
      const result = await invoke<T>(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
      return result.value;
    },
    received,
    close: () => ws.close(),
  };
}
