import { spawn, type ChildProcess } from 'node:child_process';
import { stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';
import { unpackedPath } from '../asar.ts';
import { detectSandbox, type SandboxDetection } from '../sandbox/detect.ts';
import { fetchProxy } from './fetchProxy.ts';
import { planHandler, type HandlerIsolation, type HandlerLaunch } from './launch.ts';
import { childMessageSchema, type ChildMessage, type HandlerErrorCode, type ParentMessage } from './protocol.ts';

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
  /** Whether the Function lets the handler reach the network (through `ctx.fetch`, made by the app). @default false */
  network?: boolean;
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
  /**
   * Memory of each handler process: its JavaScript heap, and everything it holds (Buffers and typed
   * arrays outside the heap too) within this plus what Node itself needs (RLIMIT_DATA, Linux). Default 128 MB.
   */
  memoryMb?: number;
  /** Processes and threads of a handler process under bubblewrap, Node's own (about ten) included; default 32. */
  processes?: number;
  /** Size of a handler's private /tmp under bubblewrap, in memory; default 64 MB. */
  tmpMb?: number;
  /** `off` runs handlers without a sandbox even where one exists; that needs `allowUnsandboxed` too. @default 'auto' */
  sandbox?: 'auto' | 'off';
  /** Whether handlers may run without a sandbox where there is none (the user's setting, read at each call). @default () => false */
  allowUnsandboxed?: () => boolean;
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
const OUT_OF_MEMORY = /heap out of memory|Allocation failed|out of memory|bad_alloc/i;
export const UNSANDBOXED_LABEL = "[This handler ran without a sandbox (allowed in the settings): Node's permission model was its only confinement.]";

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
  /** How it was started: a process started one way is not used for a call that needs another. */
  sandbox: HandlerLaunch['sandbox'];
  stderr(): string;
  /** Whether the program has said it listens for its job (a process that died booting never does). */
  ready(): boolean;
  /** Ends the process and everything it started. */
  kill(): void;
}

/** Where handlers run, or why they do not: no sandbox here, and the user did not allow running without one. */
function isolationOf(detection: SandboxDetection, options: ProcessRunnerOptions): HandlerIsolation | { refused: string } {
  const tool = options.sandbox === 'off' ? null : detection.tool;
  if (tool || options.allowUnsandboxed?.() === true) return { tool, prlimit: detection.prlimit };
  const why = options.sandbox === 'off' ? 'The sandbox was switched off.' : detection.status.detail;
  return {
    refused:
      `Function handlers run only in a sandbox. ${why} To run them without one, switch on "Run Function handlers without a sandbox" in the settings ` +
      "(weaker: Node's permission model is then their only confinement).",
  };
}

/**
 * A runner that gives every call a Node process of its own, in the platform's sandbox (see launch.ts),
 * with memory, process and time limits and no inherited environment. Booting Node takes most of a
 * call's time (about 130 ms here), so the next process is started while the previous call runs and
 * waits, unreferenced, for its job.
 */
export function createProcessRunner(options: ProcessRunnerOptions = {}): HandlerRunner {
  const limits = { memoryMb: options.memoryMb ?? 128, processes: options.processes ?? 32, tmpMb: options.tmpMb ?? 64 };
  const outputLimit = options.outputLimit ?? 64 * 1024;
  const logLimit = options.logLimit ?? 500;
  const execPath = options.execPath ?? process.execPath;
  const spareIdleMs = options.spareIdleMs ?? 5 * 60 * 1000;
  let detection: Promise<SandboxDetection> | null = null;
  let spare: { process: HandlerProcess; expiry: ReturnType<typeof setTimeout> } | null = null;
  let closed = false;

  const start = (isolation: HandlerIsolation): HandlerProcess => {
    const launch = planHandler(isolation, execPath, CHILD, limits);
    let stderr = '';
    const child = spawn(launch.command, launch.args, {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // Nothing of the app's environment (API keys among it) reaches the handler process.
      env: launch.env,
      detached: launch.detached,
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    let ready = false;
    child.on('message', (message: unknown) => {
      if (childMessageSchema.safeParse(message).data?.type === 'ready') ready = true;
    });
    const kill = () => {
      try {
        if (launch.detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    return { child, sandbox: launch.sandbox, stderr: () => stderr, ready: () => ready, kill };
  };
  const usable = (p: HandlerProcess): boolean => p.ready() && p.child.exitCode === null && p.child.signalCode === null && p.child.connected;
  const dropSpare = (): void => {
    if (!spare) return;
    clearTimeout(spare.expiry);
    spare.process.kill();
    spare = null;
  };
  // A waiting process must not keep the app (or a test) from exiting.
  const prepareSpare = (isolation: HandlerIsolation): void => {
    if (closed || spare || spareIdleMs <= 0) return;
    const waiting = start(isolation);
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
  const take = (isolation: HandlerIsolation): HandlerProcess => {
    const kind = isolation.tool?.kind ?? 'none';
    // One started another way (the setting changed) goes; one still booting (or that died doing so) stays out of the call.
    if (spare && spare.process.sandbox !== kind) dropSpare();
    const waiting = spare && usable(spare.process) ? spare.process : null;
    if (waiting && spare) {
      clearTimeout(spare.expiry);
      spare = null;
    }
    const taken = waiting ?? start(isolation);
    taken.child.ref();
    taken.child.channel?.ref();
    // The next call's process boots while this one runs (after this turn, so it does not delay the call).
    setImmediate(() => prepareSpare(isolation));
    return taken;
  };

  return {
    close() {
      closed = true;
      dropSpare();
    },
    async run(job, signal) {
      const started = performance.now();
      const logs: string[] = [];
      const done = (output: string, error: HandlerResult['error']): HandlerResult => ({
        output: error ? errorOutput(error.code, error.message) : truncateOutput(output, outputLimit),
        logs,
        durationMs: Math.round(performance.now() - started),
        error,
      });
      if (signal.aborted) return done('', { code: 'cancelled', message: 'The run was cancelled before the handler started.' });
      const compiled = compileHandler(job.source);
      if (!compiled.ok) return done('', { code: 'compile_error', message: compiled.message });
      detection ??= detectSandbox();
      const isolation = isolationOf(await detection, options);
      if ('refused' in isolation) {
        // A process started while running without a sandbox was allowed must not wait for a call either.
        dropSpare();
        return done('', { code: 'unsandboxed', message: isolation.refused });
      }
      if (signal.aborted) return done('', { code: 'cancelled', message: 'The run was cancelled before the handler started.' });
      if (!isolation.tool) logs.push(UNSANDBOXED_LABEL);
      return new Promise<HandlerResult>((resolve) => {
        let settled: HandlerResult | null = null;
        let stopReason: 'timeout' | 'cancelled' | null = null;
        const handler = take(isolation);
        const { child, stderr } = handler;
        const send = (message: ParentMessage) => {
          if (child.connected) child.send(message);
        };
        const network = fetchProxy(job.network === true, send);
        const settle = (result: HandlerResult): void => {
          if (settled) return;
          settled = result;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          network.close();
          resolve(result);
        };
        const stop = (reason: 'timeout' | 'cancelled'): void => {
          stopReason = reason;
          send({ type: 'abort' });
          setTimeout(handler.kill, KILL_GRACE_MS).unref();
        };
        const onAbort = (): void => stop('cancelled');
        const timer = setTimeout(() => stop('timeout'), job.timeoutMs);
        signal.addEventListener('abort', onAbort, { once: true });

        child.on('message', (raw: unknown) => {
          const parsed = childMessageSchema.safeParse(raw);
          if (!parsed.success) {
            handler.kill();
            settle(done('', { code: 'exited', message: 'The handler process sent a message the app does not understand and was stopped.' }));
            return;
          }
          const message: ChildMessage = parsed.data;
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
          } else if (message.type === 'error') {
            const text = message.code === 'out_of_memory' ? outOfMemory(limits.memoryMb, message.message) : message.message;
            settle(done('', { code: message.code, message: text }));
          } else {
            network.handle(message);
          }
        });
        child.on('error', (error) => settle(done('', { code: 'spawn_failed', message: `Could not start the handler process: ${error.message}` })));
        child.on('exit', (code, signalName) => {
          // Whatever the handler started dies with it (the pid namespace ends); a process group is ended too.
          handler.kill();
          if (stopReason === 'timeout')
            settle(done('', { code: 'timeout', message: `The handler did not finish within ${job.timeoutMs / 1000} s and was stopped.` }));
          else if (stopReason === 'cancelled') settle(done('', { code: 'cancelled', message: 'The handler was stopped because the run was cancelled.' }));
          else if (OUT_OF_MEMORY.test(stderr())) {
            settle(done('', { code: 'out_of_memory', message: outOfMemory(limits.memoryMb) }));
          } else {
            const how = signalName ? `was killed by ${signalName}` : `exited with code ${code}`;
            settle(done('', { code: 'exited', message: `The handler process ${how} before returning a result (did it call process.exit()?).` }));
          }
        });
        send({ type: 'job', source: compiled.js, args: job.args, env: job.env });
      });
    },
  };
}

const outOfMemory = (memoryMb: number, detail?: string): string =>
  `The handler used more than its memory limit (${memoryMb} MB) and was stopped.${detail ? ` (${detail})` : ''}`;
