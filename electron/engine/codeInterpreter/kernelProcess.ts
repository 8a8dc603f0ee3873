import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { LaunchPlan } from './launch.ts';
import { LogCollector, type StreamName } from './logs.ts';
import { encodeFrame, FrameDecoder, kernelReplySchema, type KernelReply, type KernelRequest } from './protocol.ts';

/** How one execution in a kernel process ended, before it is turned into a result. */
export type KernelOutcome =
  | { kind: 'reply'; reply: KernelReply; logs: string }
  | { kind: 'exited'; logs: string; code: number | null; signal: NodeJS.Signals | null; problem: string | null }
  | { kind: StopReason; logs: string };

/** Why the app stopped an execution: its time limit, its run was cancelled, or it filled the working directory. */
export type StopReason = 'timeout' | 'cancelled' | 'quota';

export interface KernelExecution {
  code: string;
  timeLimitMs: number;
  maxLogBytes: number;
  maxImages: number;
  signal?: AbortSignal;
}

const DRAIN_MS = 250;
const MARKER_GRACE_MS = 1000;

interface Pending {
  id: number;
  resolve(outcome: KernelOutcome): void;
  reply: KernelReply | null;
}

/**
 * One long-lived Python process running kernel.py. It executes one request at a time (the session
 * queues them); when it exits, is killed or breaks the protocol, it is done for good.
 */
export class KernelProcess {
  readonly #child: ChildProcess;
  readonly #requests: Writable;
  readonly #logs = new LogCollector();
  readonly #decoder = new FrameDecoder();
  readonly #pipes: Socket[];
  #pending: Pending | null = null;
  #nextId = 1;
  #exited = false;
  #stopReason: StopReason | null = null;
  #problem: string | null = null;
  #exitCode: number | null = null;
  #exitSignal: NodeJS.Signals | null = null;

  constructor(plan: LaunchPlan) {
    // A process group of its own (POSIX), so that stopping it also stops what the code started.
    this.#child = spawn(plan.command, plan.args, {
      cwd: plan.cwd,
      env: plan.env,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const [stdin, stdout, stderr, replies] = this.#child.stdio;
    if (!stdin || !stdout || !stderr || !replies) throw new Error('the kernel process has no pipes');
    this.#requests = stdin;
    stdin.on('error', () => undefined); // a dead kernel shows through 'exit'; EPIPE here says nothing more
    stdout.on('data', (chunk: Buffer) => this.#onLog('stdout', chunk));
    stderr.on('data', (chunk: Buffer) => this.#onLog('stderr', chunk));
    replies.on('data', (chunk: Buffer) => this.#onReplies(chunk));
    this.#child.on('error', (error) => {
      this.#problem = `could not start ${plan.command}: ${error.message}`;
      this.#onExit(null, null);
    });
    this.#child.on('exit', (code, signal) => this.#onExit(code, signal));
    this.#child.on('close', () => this.#finish());
    this.#pipes = [stdin, stdout, stderr, replies].filter((pipe) => pipe instanceof Socket);
    this.#hold(false);
  }

  /** An idle session must not keep the app's process alive on its own; a running execution must. */
  #hold(on: boolean): void {
    for (const handle of [this.#child, ...this.#pipes]) {
      if (on) handle.ref();
      else handle.unref();
    }
  }

  get exited(): boolean {
    return this.#exited;
  }

  execute(job: KernelExecution): Promise<KernelOutcome> {
    if (this.#pending) throw new Error('the kernel is already executing');
    if (this.#exited) return Promise.resolve({ kind: 'exited', logs: '', code: this.#exitCode, signal: this.#exitSignal, problem: this.#problem });
    const id = this.#nextId++;
    const marker = `\u0000studio-end-${randomBytes(12).toString('hex')}\u0000`;
    this.#logs.begin(marker, job.maxLogBytes);
    this.#hold(true);
    return new Promise<KernelOutcome>((resolve) => {
      const onAbort = () => this.stop('cancelled');
      const timer = setTimeout(() => this.stop('timeout'), job.timeLimitMs);
      job.signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending = {
        id,
        reply: null,
        resolve: (outcome) => {
          this.#hold(false);
          clearTimeout(timer);
          job.signal?.removeEventListener('abort', onAbort);
          this.#pending = null;
          resolve(outcome);
        },
      };
      if (job.signal?.aborted) return this.stop('cancelled');
      const request: KernelRequest = { id, code: job.code, marker, maxImages: job.maxImages };
      this.#requests.write(encodeFrame(request));
    });
  }

  /** Stops the process and everything it started; an execution in progress ends as `exited`. */
  kill(): void {
    if (this.#exited) return;
    const pid = this.#child.pid;
    try {
      if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
      else this.#child.kill('SIGKILL');
    } catch {
      this.#child.kill('SIGKILL');
    }
  }

  /** Stops the process for a reason the execution in progress then ends with (the first reason wins). */
  stop(reason: StopReason): void {
    this.#stopReason ??= reason;
    this.kill();
  }

  #onLog(stream: StreamName, chunk: Buffer): void {
    this.#logs.push(stream, chunk);
    this.#settleIfComplete();
  }

  #onReplies(chunk: Buffer): void {
    let frames: unknown[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      this.#breakProtocol(`the kernel broke the protocol (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    for (const frame of frames) {
      const parsed = kernelReplySchema.safeParse(frame);
      const pending = this.#pending;
      if (!parsed.success || !pending || parsed.data.id !== pending.id) {
        this.#breakProtocol('the kernel sent a reply that does not match the request');
        return;
      }
      pending.reply = parsed.data;
      // Code that redirected fd 1 or 2 keeps the marker from arriving; the reply is enough after a grace period.
      setTimeout(() => this.#settle(pending), MARKER_GRACE_MS).unref();
    }
    this.#settleIfComplete();
  }

  #breakProtocol(problem: string): void {
    this.#problem = problem;
    this.kill();
  }

  /** A reply alone is not the end: the logs streams may still carry the execution's last output. */
  #settleIfComplete(): void {
    if (this.#pending && this.#logs.complete) this.#settle(this.#pending);
  }

  #settle(pending: Pending): void {
    if (pending === this.#pending && pending.reply) pending.resolve({ kind: 'reply', reply: pending.reply, logs: this.#logs.take() });
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#exitCode = code;
    this.#exitSignal = signal;
    // 'exit' can come before the pipes are drained ('close'); the last output of a crash is worth a moment.
    setTimeout(() => this.#finish(), DRAIN_MS).unref();
  }

  /** Ends the execution in progress, if any, once the process is gone. */
  #finish(): void {
    const pending = this.#pending;
    if (!pending || !this.#exited) return;
    const logs = this.#logs.take();
    if (this.#stopReason) pending.resolve({ kind: this.#stopReason, logs });
    else pending.resolve({ kind: 'exited', logs, code: this.#exitCode, signal: this.#exitSignal, problem: this.#problem });
  }
}
