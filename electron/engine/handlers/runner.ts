import { spawn, type ChildProcess } from 'node:child_process';
import { stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';
import { unpackedPath } from '../asar.ts';
import type { ChildJob, ChildMessage, HandlerErrorCode } from './protocol.ts';

/** The outcome of one handler call; `output` is what the model receives, also on failure. */
export interface HandlerResult {
  output: string;
  logs: string[];
  durationMs: number;
  error: { code: HandlerErrorCode; message: string } | null;
}

interface HandlerJob {
  /** TypeScript source of the handler module. */
  source: string;
  args: unknown;
  /** Only the environment variables the user allowed for the project. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Called with each log line as it arrives (the UI shows them live). */
  onLog?: (line: string) => void;
}

/** Runs handlers isolated from the caller; injected into the runtime so tests and hosts can choose. */
export interface HandlerRunner {
  run(job: HandlerJob, signal: AbortSignal): Promise<HandlerResult>;
  /** Stops whatever the runner keeps running between calls. */
  close?(): void;
}

export interface ProcessRunnerOptions {
  /** V8 heap cap of each handler process; default 128 MB. */
  memoryMb?: number;
  /** Longest output passed to the model, in characters; longer output is cut with a note. Default 64 KiB. */
  outputLimit?: number;
  /** Log lines kept per call; default 500. */
  logLimit?: number;
  /** The Node (or Electron-as-Node) binary; default `process.execPath`. */
  execPath?: string;
  /**
   * How long a started process may wait for its call; default 5 minutes. The runner keeps one process
   * started ahead of the next call (each call still gets a process of its own), so a call does not
   * wait for Node to boot; 0 starts every process on demand.
   */
  spareIdleMs?: number;
}

// From source (development, tests, the web host) the handler program is child.ts beside this file; in
// the app's bundle this file is part of main.cjs and the program is built beside it as handlerChild.cjs.
const CHILD = unpackedPath(fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './child.ts' : './handlerChild.cjs', import.meta.url)));
const KILL_GRACE_MS = 100;
const STDERR_KEEP = 4096;

/** The tool output for a failed call: JSON, so the model can read what happened. */
export function errorOutput(code: string, message: string): string {
  return JSON.stringify({ error: code, message });
}

function truncateOutput(output: string, limit: number): string {
  if (output.length <= limit) return output;
  return `${output.slice(0, limit)}\n[output truncated: the handler returned ${output.length} characters; the first ${limit} are shown]`;
}

/** The handler's TypeScript as JavaScript; type stripping keeps line numbers, enums need the transform. */
function compileHandler(source: string): { ok: true; js: string } | { ok: false; message: string } {
  try {
    return { ok: true, js: stripTypeScriptTypes(source, { mode: 'strip' }) };
  } catch (first) {
    try {
      return { ok: true, js: stripTypeScriptTypes(source, { mode: 'transform' }) };
    } catch {
      return { ok: false, message: `The handler is not valid TypeScript: ${first instanceof Error ? first.message : String(first)}` };
    }
  }
}

/** A handler process and what it wrote to stderr (kept for telling an out-of-memory death apart). */
interface HandlerProcess {
  child: ChildProcess;
  stderr(): string;
  /** Whether the program has said it listens for its job (a process that died booting never does). */
  ready(): boolean;
}

/**
 * A runner that gives every call a Node process of its own, with a heap cap, a time limit and no
 * inherited environment. Booting Node takes most of a call's time (about 130 ms here), so the next
 * process is started while the previous call runs and waits, unreferenced, for its job.
 */
export function createProcessRunner(options: ProcessRunnerOptions = {}): HandlerRunner {
  const memoryMb = options.memoryMb ?? 128;
  const outputLimit = options.outputLimit ?? 64 * 1024;
  const logLimit = options.logLimit ?? 500;
  const execPath = options.execPath ?? process.execPath;
  const spareIdleMs = options.spareIdleMs ?? 5 * 60 * 1000;
  let spare: { process: HandlerProcess; expiry: ReturnType<typeof setTimeout> } | null = null;
  let closed = false;

  const start = (): HandlerProcess => {
    let stderr = '';
    const child = spawn(execPath, [`--max-old-space-size=${memoryMb}`, '--no-warnings', '--disable-proto=throw', CHILD], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Nothing of the app's environment (API keys among it) reaches the handler process.
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    let ready = false;
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') ready = true;
    });
    return { child, stderr: () => stderr, ready: () => ready };
  };
  const usable = (p: HandlerProcess): boolean => p.ready() && p.child.exitCode === null && p.child.signalCode === null && p.child.connected;
  const dropSpare = (): void => {
    if (!spare) return;
    clearTimeout(spare.expiry);
    spare.process.child.kill('SIGKILL');
    spare = null;
  };
  // A waiting process must not keep the app (or a test) from exiting.
  const prepareSpare = (): void => {
    if (closed || spare || spareIdleMs <= 0) return;
    const waiting = start();
    waiting.child.on('error', () => {
      if (spare?.process === waiting) spare = null;
    });
    waiting.child.on('exit', () => {
      if (spare?.process === waiting) dropSpare();
    });
    waiting.child.unref();
    waiting.child.channel?.unref();
    spare = { process: waiting, expiry: setTimeout(dropSpare, spareIdleMs) };
    spare.expiry.unref();
  };
  const take = (): HandlerProcess => {
    // A process still booting (or one that died doing so) stays out of the call: it gets one of its own.
    const waiting = spare && usable(spare.process) ? spare.process : null;
    if (waiting && spare) {
      clearTimeout(spare.expiry);
      spare = null;
    }
    const taken = waiting ?? start();
    taken.child.ref();
    taken.child.channel?.ref();
    // The next call's process boots while this one runs (after this turn, so it does not delay the call).
    setImmediate(prepareSpare);
    return taken;
  };

  return {
    close() {
      closed = true;
      dropSpare();
    },
    run(job, signal) {
      const started = performance.now();
      const logs: string[] = [];
      const done = (output: string, error: HandlerResult['error']): HandlerResult => ({
        output: error ? errorOutput(error.code, error.message) : truncateOutput(output, outputLimit),
        logs,
        durationMs: Math.round(performance.now() - started),
        error,
      });
      if (signal.aborted) return Promise.resolve(done('', { code: 'cancelled', message: 'The run was cancelled before the handler started.' }));
      const compiled = compileHandler(job.source);
      if (!compiled.ok) return Promise.resolve(done('', { code: 'compile_error', message: compiled.message }));

      return new Promise<HandlerResult>((resolve) => {
        let settled: HandlerResult | null = null;
        let stopReason: 'timeout' | 'cancelled' | null = null;
        const { child, stderr } = take();
        const settle = (result: HandlerResult): void => {
          if (settled) return;
          settled = result;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
        const stop = (reason: 'timeout' | 'cancelled'): void => {
          stopReason = reason;
          if (child.connected) child.send({ type: 'abort' });
          setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS).unref();
        };
        const onAbort = (): void => stop('cancelled');
        const timer = setTimeout(() => stop('timeout'), job.timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });

        child.on('message', (message: ChildMessage) => {
          if (message.type === 'ready') return;
          if (message.type === 'log') {
            if (logs.length < logLimit) {
              logs.push(message.line);
              job.onLog?.(message.line);
            } else if (logs.length === logLimit) {
              logs.push(`[further log lines dropped: at most ${logLimit} are kept]`);
            }
          } else if (message.type === 'result') {
            settle(done(message.output, null));
          } else {
            settle(done('', { code: message.code, message: message.message }));
          }
        });
        child.on('error', (error) => settle(done('', { code: 'spawn_failed', message: `Could not start the handler process: ${error.message}` })));
        child.on('exit', (code, signalName) => {
          if (stopReason === 'timeout')
            settle(done('', { code: 'timeout', message: `The handler did not finish within ${job.timeoutMs / 1000} s and was stopped.` }));
          else if (stopReason === 'cancelled') settle(done('', { code: 'cancelled', message: 'The handler was stopped because the run was cancelled.' }));
          else if (/heap out of memory|Allocation failed/i.test(stderr())) {
            settle(done('', { code: 'out_of_memory', message: `The handler used more than its memory limit (${memoryMb} MB) and was stopped.` }));
          } else {
            const how = signalName ? `was killed by ${signalName}` : `exited with code ${code}`;
            settle(done('', { code: 'exited', message: `The handler process ${how} before returning a result (did it call process.exit()?).` }));
          }
        });
        const message: ChildJob = { type: 'job', source: compiled.js, args: job.args, env: job.env };
        child.send(message);
      });
    },
  };
}
