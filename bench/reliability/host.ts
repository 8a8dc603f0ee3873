import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The answer of one channel call: the backend's Result, or how the HTTP exchange itself failed. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } | { ok: false; transport: string };

/** A web host (electron/host/cli.ts) in a process of its own, so a crash is seen rather than shared. */
export interface ProbedHost {
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Every byte it wrote to stdout and stderr. */
  output(): string;
  /** Every response body it sent to `invoke`, for the secret canaries. */
  responses: string[];
  invoke(channel: string, request: unknown): Promise<Answer>;
  /** The same with the request as JSON text, for values this process could not stringify (deep nesting). */
  invokeText(channel: string, requestJson: string): Promise<Answer>;
  /** Whether it still answers a request. */
  alive(): Promise<boolean>;
  /** Event frames received on the event socket since start. */
  events: string[];
  process: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

/** A renderer build of one page: the probes never need the real one, so no build step runs first. */
function tinyStatic(dir: string): string {
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>probe</title>');
  return staticDir;
}

export async function startProbedHost(dir: string, env: Record<string, string> = {}): Promise<ProbedHost> {
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'electron/host/cli.ts', '--port', '0', '--static', tinyStatic(dir)], {
    cwd: root,
    env: { ...process.env, ASSISTANT_STUDIO_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host did not start:\n${output}`)), 30_000);
    const check = () => {
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve(new URL(m[1]!));
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`the web host exited with ${code}:\n${output}`)));
  });
  const token = url.searchParams.get('token')!;
  const responses: string[] = [];
  const events: string[] = [];
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const invokeText = async (channel: string, requestJson: string): Promise<Answer> => {
    try {
      const response = await fetch(`${url.origin}/api/invoke`, {
        method: 'POST',
        headers,
        body: `{"channel":${JSON.stringify(channel)},"request":${requestJson}}`,
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      responses.push(text);
      const result = JSON.parse(text) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
      return result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error! };
    } catch (error) {
      return { ok: false, transport: error instanceof Error ? error.message : String(error) };
    }
  };
  const invoke = (channel: string, request: unknown): Promise<Answer> => invokeText(channel, JSON.stringify(request) ?? 'null');

  const socket = new WebSocket(`ws://127.0.0.1:${url.port}/api/events`, { headers: { authorization: `Bearer ${token}` } });
  socket.on('message', (data: Buffer) => events.push(data.toString()));
  socket.on('error', () => undefined);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    origin: url.origin,
    port: Number(url.port),
    token,
    dataDir,
    output: () => output,
    responses,
    events,
    invoke,
    invokeText,
    alive: async () => child.exitCode === null && child.signalCode === null && (await invoke('app:app/info', {})).ok,
    process: child,
    stop: async () => {
      socket.terminate();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      socket.terminate();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A value the caller expects to succeed; a failure is a defect of the probe's own set-up, so it stops. */
export async function must<T>(host: ProbedHost, channel: string, request: unknown): Promise<T> {
  const answer = await host.invoke(channel, request);
  if (!answer.ok) throw new Error(`${channel} failed: ${'transport' in answer ? answer.transport : `${answer.error.code} ${answer.error.message}`}`);
  return answer.value as T;
}
