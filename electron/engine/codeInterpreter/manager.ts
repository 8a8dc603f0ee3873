import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { resolveEnvironment, type EnvironmentOptions, type InterpreterEnvironment } from './environment.ts';
import { Session } from './session.ts';
import { DEFAULT_LIMITS, type ExecutionLimits } from './types.ts';

export interface SessionManagerOptions extends EnvironmentOptions {
  /** Where the threads' working directories live, e.g. `<app data>/code-interpreter`. */
  rootDir: string;
  /** A session's Python process is stopped after this long without an execution. @default 900_000 (15 min) */
  idleMs?: number;
  /** Defaults for every execution; a call may override the time and memory limits. */
  limits?: Partial<ExecutionLimits>;
}

const THREAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The code interpreter sessions of all threads: one per thread, created on first use. */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #sessions = new Map<string, Session>();
  #environment: Promise<InterpreterEnvironment> | null = null;

  constructor(options: SessionManagerOptions) {
    this.#options = options;
  }

  /** Python and the sandbox, found on first use; a failure is not remembered, so installing Python and retrying works. */
  environment(): Promise<InterpreterEnvironment> {
    if (!this.#environment) {
      const pending = resolveEnvironment(this.#options);
      this.#environment = pending;
      pending.catch(() => {
        if (this.#environment === pending) this.#environment = null;
      });
    }
    return this.#environment;
  }

  /** The thread's session; its Python process starts with the first execution. */
  get(threadId: string): Session {
    if (!THREAD_ID.test(threadId)) throw new AppFailure('E_INVALID_REQUEST', `"${threadId}" is not a thread id.`);
    let session = this.#sessions.get(threadId);
    if (!session) {
      session = new Session({
        threadId,
        dir: join(this.#options.rootDir, threadId),
        limits: { ...DEFAULT_LIMITS, ...this.#options.limits },
        idleMs: this.#options.idleMs ?? 15 * 60_000,
        environment: () => this.environment(),
      });
      this.#sessions.set(threadId, session);
    }
    return session;
  }

  /** Stops the thread's Python process; its files stay for the next execution. */
  close(threadId: string): void {
    this.#sessions.get(threadId)?.close();
  }

  /** Stops every Python process (when the app quits). */
  closeAll(): void {
    for (const session of this.#sessions.values()) session.close();
  }

  /** Stops the thread's session and deletes its files (when the thread is deleted). */
  async remove(threadId: string): Promise<void> {
    this.get(threadId).close();
    this.#sessions.delete(threadId);
    await rm(join(this.#options.rootDir, threadId), { recursive: true, force: true });
  }
}
