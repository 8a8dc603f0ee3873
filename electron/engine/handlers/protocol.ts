/** What the parent sends first: one job per handler process. */
export interface ChildJob {
  type: 'job';
  /** The handler module as JavaScript (types already stripped). */
  source: string;
  args: unknown;
  env: Record<string, string>;
}

/** Sent when the call is cancelled or timed out, just before the process is killed. */
export interface ChildAbort {
  type: 'abort';
}

type ChildErrorCode = 'handler_threw' | 'unhandled_rejection' | 'no_default_export' | 'invalid_output';

/** What the handler process reports back. */
export type ChildMessage =
  /** Sent once the program listens for its job: a process started ahead of its call is only used after this. */
  { type: 'ready' } | { type: 'log'; line: string } | { type: 'result'; output: string } | { type: 'error'; code: ChildErrorCode; message: string };

/** Why a handler call produced no regular output. */
export type HandlerErrorCode =
  | ChildErrorCode
  | 'untrusted'
  | 'compile_error'
  | 'invalid_arguments'
  | 'timeout'
  | 'out_of_memory'
  | 'exited'
  | 'cancelled'
  | 'spawn_failed';
