import { mkdir } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { handOver } from '../sandbox/bubblewrap.ts';
import { KernelProcess, type KernelOutcome } from './kernelProcess.ts';
import { planLaunch, SANDBOX_WORKDIR, type KernelLimits, type LaunchPlan } from './launch.ts';
import type { InterpreterEnvironment } from './environment.ts';
import type { ExecutionLimits, ExecutionOutput, ExecutionResult, InputFile, WorkdirFile } from './types.ts';
import { addFiles, changedFiles, snapshot, usedBytes, watchQuota } from './workdir.ts';

export interface SessionOptions {
  threadId: string;
  /** The thread's own directory; the working directory and a scratch directory live inside it. */
  dir: string;
  limits: ExecutionLimits;
  idleMs: number;
  /** Python and the sandbox, found once for all sessions; throws an `AppFailure` when there is no way to run code. */
  environment(): Promise<InterpreterEnvironment>;
}

/** Per-call overrides of the session's limits (a Code Interpreter node sets its own), and cancellation. */
export interface RunOptions extends Partial<Pick<ExecutionLimits, 'timeLimitMs' | 'memoryLimitMb'>> {
  signal?: AbortSignal;
}

/** bubblewrap (like a shell) reports a child killed by signal N as exit code 128 + N. */
function signalOfExitCode(code: number | null): string | null {
  if (code === null || code <= 128) return null;
  return Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0] ?? null;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const MB = 1024 * 1024;

/**
 * The code interpreter of one thread: its working directory, and a Python process that keeps the
 * code's state between executions until it is idle for too long, exceeds a limit or dies. Executions
 * run one at a time in the order they were asked for.
 */
export class Session {
  readonly threadId: string;
  /** The working directory on this machine. */
  readonly workdir: string;
  readonly #scratchDir: string;
  readonly #options: SessionOptions;
  #kernel: KernelProcess | null = null;
  /** The memory limit the current Python process started with; an execution with another one needs a new process. */
  #kernelMemoryMb = 0;
  /** Why the last Python process ended, told to the next execution. */
  #ended: string | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(options: SessionOptions) {
    this.threadId = options.threadId;
    this.workdir = join(options.dir, 'files');
    this.#scratchDir = join(options.dir, 'scratch');
    this.#options = options;
  }

  /** True while a Python process holds this session's state. */
  get alive(): boolean {
    return this.#kernel !== null && !this.#kernel.exited;
  }

  /** Input files (from Knowledge nodes and message attachments); a file of the same name is replaced. */
  async addFiles(files: readonly InputFile[]): Promise<WorkdirFile[]> {
    const environment = await this.#options.environment();
    await this.#ensureDirs(environment);
    const added = await addFiles(this.workdir, this.#codeWorkdir(environment), files);
    if (environment.tool?.kind === 'bubblewrap') {
      // The code may change its input files, as it could any file it wrote itself.
      const paths = added.flatMap((file) => {
        const parts = file.name.split('/');
        return parts.map((_, i) => join(this.workdir, ...parts.slice(0, i + 1)));
      });
      await handOver(environment.tool, [...new Set(paths)]);
    }
    return added;
  }

  /** Where the code sees its working directory (`/mnt/data` in the bubblewrap sandbox). */
  async codeWorkdir(): Promise<string> {
    return this.#codeWorkdir(await this.#options.environment());
  }

  run(code: string, options: RunOptions = {}): Promise<ExecutionResult> {
    const result = this.#queue.then(() => this.#run(code, options));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the Python process; the next execution starts a new one. The working directory stays. */
  close(reason = 'the session was closed'): void {
    this.#clearIdle();
    if (this.#kernel && !this.#kernel.exited) this.#ended = reason;
    this.#kernel?.kill();
    this.#kernel = null;
  }

  #codeWorkdir(environment: InterpreterEnvironment): string {
    return environment.tool?.kind === 'bubblewrap' ? SANDBOX_WORKDIR : this.workdir;
  }

  async #ensureDirs(environment: InterpreterEnvironment): Promise<void> {
    await mkdir(this.workdir, { recursive: true });
    await mkdir(this.#scratchDir, { recursive: true });
    if (environment.tool?.kind === 'bubblewrap') await handOver(environment.tool, [this.workdir]);
  }

  #plan(environment: InterpreterEnvironment, limits: KernelLimits): LaunchPlan {
    const input = {
      tool: environment.tool,
      python: environment.python,
      workdir: this.workdir,
      scratchDir: this.#scratchDir,
      kernelSource: environment.kernelSource,
      limits,
      prlimit: environment.prlimit,
    };
    return planLaunch(input, environment.userHome);
  }

  async #run(code: string, options: RunOptions): Promise<ExecutionResult> {
    this.#clearIdle();
    const limits: ExecutionLimits = { ...this.#options.limits };
    if (options.timeLimitMs !== undefined) limits.timeLimitMs = options.timeLimitMs;
    if (options.memoryLimitMb !== undefined) limits.memoryLimitMb = options.memoryLimitMb;
    const environment = await this.#options.environment();
    await this.#ensureDirs(environment);
    const started = performance.now();
    if (options.signal?.aborted) {
      // Cancelled while queued: nothing ran, and the session (if any) keeps its state.
      const error = { name: 'Cancelled', message: 'the execution was cancelled before it started', traceback: '' };
      if (this.alive) this.#armIdle();
      return { input: code, outputs: [], files: [], status: 'cancelled', error, durationMs: 0, sandbox: environment.plan, newSession: false, notices: [] };
    }
    const notices: string[] = [];
    let newSession = false;
    if (this.#kernel?.exited) this.#ended ??= 'the previous Python process ended unexpectedly';
    // The memory limit is fixed when Python starts, so that the code cannot raise it: another limit needs another process.
    if (this.alive && this.#kernelMemoryMb !== limits.memoryLimitMb)
      this.close(`its memory limit changed from ${this.#kernelMemoryMb} MB to ${limits.memoryLimitMb} MB`);
    if (!this.#kernel || this.#kernel.exited) {
      if (this.#ended)
        notices.push(
          `This code ran in a new Python session because ${this.#ended}: variables and imports from earlier executions are gone; files in ${this.#codeWorkdir(environment)} are kept.`,
        );
      this.#kernel = new KernelProcess(this.#plan(environment, limits));
      this.#kernelMemoryMb = limits.memoryLimitMb;
      this.#ended = null;
      newSession = true;
    }
    if (environment.plan === 'none') notices.push('This code ran without a sandbox, with your permissions (allowed in the settings).');

    const before = await snapshot(this.workdir);
    // A directory already past its quota (the code outgrew it last time) may shrink, not grow.
    const allowance = Math.max(limits.workdirMb * MB, await usedBytes(this.workdir));
    const kernel = this.#kernel;
    const quota = watchQuota(this.workdir, allowance, () => kernel.stop('quota'));
    const outcome = await kernel.execute({ code, ...limits, signal: options.signal });
    quota.stop();
    const overQuota = outcome.kind === 'reply' && (await usedBytes(this.workdir, allowance)) > allowance;
    const files = await changedFiles(this.workdir, this.#codeWorkdir(environment), before, await snapshot(this.workdir));
    const result: ExecutionResult = {
      input: code,
      outputs: [],
      files,
      status: 'ok',
      durationMs: Math.round(performance.now() - started),
      sandbox: environment.plan,
      newSession,
      notices,
    };
    this.#describe(outcome, limits, result, this.#codeWorkdir(environment));
    if (overQuota) {
      result.status = 'quota';
      result.error = {
        name: 'QuotaExceeded',
        message: `the code finished, but the working directory (${this.#codeWorkdir(environment)}) now holds more than its limit of ${limits.workdirMb} MB: delete files there to make room, or the next execution that writes more is stopped`,
        traceback: '',
      };
    }
    if (this.alive) this.#armIdle();
    return result;
  }

  /** Fills in status, outputs and error from how the execution ended; a stopped process ends the session. */
  #describe(outcome: KernelOutcome, limits: ExecutionLimits, result: ExecutionResult, codeWorkdir: string): void {
    const logs: ExecutionOutput[] = outcome.logs === '' ? [] : [{ type: 'logs', logs: outcome.logs }];
    result.outputs.push(...logs);
    const restart = 'the next execution starts a new Python session';
    switch (outcome.kind) {
      case 'reply': {
        const { reply } = outcome;
        for (const image of reply.images) result.outputs.push({ type: 'image', image: { mime: 'image/png', bytes: Buffer.from(image, 'base64') } });
        if (reply.imagesDropped > 0)
          result.notices.push(`${reply.imagesDropped} more figures were not captured: at most ${limits.maxImages} are kept per execution.`);
        result.status = reply.status;
        if (reply.error && reply.status === 'memory') {
          result.error = {
            ...reply.error,
            message: `memory limit of ${limits.memoryLimitMb} MB exceeded${reply.error.message ? ` (${reply.error.message})` : ''}`,
          };
        } else if (reply.error) {
          result.error = reply.error;
        }
        return;
      }
      case 'timeout':
        this.#ended = `the previous one exceeded the time limit of ${seconds(limits.timeLimitMs)} and was stopped`;
        result.status = 'timeout';
        result.error = {
          name: 'TimeoutError',
          message: `time limit of ${seconds(limits.timeLimitMs)} exceeded: the code was stopped and ${restart}`,
          traceback: '',
        };
        return;
      case 'quota':
        this.#ended = 'the previous one filled the working directory past its quota and was stopped';
        result.status = 'quota';
        result.error = {
          name: 'QuotaExceeded',
          message: `the working directory (${codeWorkdir}) grew to more than its limit of ${limits.workdirMb} MB: the code was stopped and ${restart}; delete files there to make room`,
          traceback: '',
        };
        return;
      case 'cancelled':
        this.#ended = 'the previous one was stopped when its run was cancelled';
        result.status = 'cancelled';
        result.error = { name: 'Cancelled', message: `the execution was cancelled: the code was stopped and ${restart}`, traceback: '' };
        return;
      case 'exited': {
        const signal = outcome.signal ?? signalOfExitCode(outcome.code);
        const how = outcome.problem ?? (signal ? `Python was killed by ${signal}` : `Python exited with code ${outcome.code}`);
        const memory =
          signal === 'SIGKILL' || signal === 'SIGSEGV' || signal === 'SIGABRT'
            ? ` (running out of memory, limit ${limits.memoryLimitMb} MB, is one possible cause)`
            : '';
        this.#ended = 'the previous one crashed';
        result.status = 'crashed';
        result.error = { name: 'KernelDied', message: `${how} during the execution${memory}; its state is lost and ${restart}`, traceback: '' };
      }
    }
  }

  #armIdle(): void {
    this.#idleTimer = setTimeout(() => this.close(`the previous one was closed after ${seconds(this.#options.idleMs)} without use`), this.#options.idleMs);
    this.#idleTimer.unref();
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }
}
