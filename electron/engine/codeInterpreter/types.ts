import type { SandboxKind } from '../sandbox/detect.ts';

/**
 * How an execution ended. `timeout`, `crashed` and `cancelled` mean the Python process was stopped or
 * died, so the next execution runs in a new session; `memory` is a MemoryError under the memory limit
 * (the session lives on); `quota` means the code filled the working directory past its quota (stopped,
 * unless it had already finished); `error` is any other exception raised by the code.
 */
type ExecutionStatus = 'ok' | 'error' | 'timeout' | 'crashed' | 'memory' | 'cancelled' | 'quota';

/** Output items in the order of Assistants' `code_interpreter.outputs`; images are PNG bytes until stored as files. */
export type ExecutionOutput = { type: 'logs'; logs: string } | { type: 'image'; image: { mime: 'image/png'; bytes: Uint8Array } };

/** A file the code created or changed in the working directory during the execution. */
export interface OutputFile {
  /** Path relative to the working directory, with `/` separators. */
  name: string;
  /** Where it lives on this machine (for saving it). */
  path: string;
  /** Where the code sees it, e.g. `/mnt/data/out.csv` (what `file_path` annotations quote as `sandbox:<codePath>`). */
  codePath: string;
  /** Size in bytes. */
  bytes: number;
  mime: string;
}

interface ExecutionError {
  name: string;
  message: string;
  /** Python's traceback from the user's code on; empty when the process was stopped or died. */
  traceback: string;
}

/** The result of one execution, shaped after Assistants' `code_interpreter` tool call. */
export interface ExecutionResult {
  input: string;
  outputs: ExecutionOutput[];
  files: OutputFile[];
  status: ExecutionStatus;
  error?: ExecutionError;
  durationMs: number;
  sandbox: SandboxKind;
  /** True when this execution started a Python process (the first one, or after the last one ended). */
  newSession: boolean;
  /** Sentences for the model and the user about the session itself (state lost, output cut, …). */
  notices: string[];
}

/** Limits of one execution; the session manager's options give the defaults. */
export interface ExecutionLimits {
  /** @default 60_000 */
  timeLimitMs: number;
  /**
   * Address space of the Python process and of each process the code starts: a hard limit set before
   * Python starts (RLIMIT_AS, Linux only: macOS cannot lower it, Windows has none). @default 1024
   */
  memoryLimitMb: number;
  /** Processes and threads in the sandbox, Python's own included (RLIMIT_NPROC; bubblewrap only). @default 64 */
  processes: number;
  /** Size of the sandbox's private /tmp, which lives in memory (bubblewrap only). @default 256 */
  tmpMb: number;
  /**
   * The working directory's quota (each file or folder counting at least 4 KiB): code that grows it past
   * this is stopped. Also the largest file the code can write (RLIMIT_FSIZE, Linux). @default 1024
   */
  workdirMb: number;
  /** stdout and stderr together; the rest is dropped with a note. @default 65_536 */
  maxLogBytes: number;
  /** Figures kept per execution; further ones are dropped with a note. @default 10 */
  maxImages: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = {
  timeLimitMs: 60_000,
  memoryLimitMb: 1024,
  processes: 64,
  tmpMb: 256,
  workdirMb: 1024,
  maxLogBytes: 64 * 1024,
  maxImages: 10,
};

/** A file to place in the working directory: copied from a path on this machine, or given as bytes. */
export type InputFile = { name: string; sourcePath: string } | { name: string; data: Uint8Array };

/** A file placed in the working directory. */
export interface WorkdirFile {
  name: string;
  path: string;
  codePath: string;
  bytes: number;
}
