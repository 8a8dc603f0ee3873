import { z } from 'zod';

// The channel uses Node's `advanced` serialization (structured clone), so bodies cross as bytes.

/** What the parent sends first: one job per handler process. */
export interface ChildJob {
  type: 'job';
  /** The handler module as JavaScript (types already stripped). */
  source: string;
  args: unknown;
  env: Record<string, string>;
}

/** Sent when the call is cancelled or timed out, just before the process is killed. */
interface ChildAbort {
  type: 'abort';
}

/**
 * The answers to the handler's `ctx.fetch`, which the app makes on its behalf: the handler process has
 * no network of its own. A response's body comes one chunk per `fetch-pull`, so a large download
 * waits for the handler instead of piling up in its memory.
 */
export type FetchReply =
  | { type: 'fetch-head'; id: number; status: number; statusText: string; headers: [string, string][]; url: string; redirected: boolean; body: boolean }
  | { type: 'fetch-chunk'; id: number; chunk: Uint8Array }
  | { type: 'fetch-end'; id: number }
  | { type: 'fetch-error'; id: number; message: string };

/** Everything the parent sends. */
export type ParentMessage = ChildJob | ChildAbort | FetchReply;

const CHILD_ERROR_CODES = ['handler_threw', 'unhandled_rejection', 'no_default_export', 'invalid_output', 'out_of_memory'] as const;
type ChildErrorCode = (typeof CHILD_ERROR_CODES)[number];

const id = z.number().int().positive();

/** What the handler process reports back, validated: it crosses from code the app does not control. */
export const childMessageSchema = z.discriminatedUnion('type', [
  /** Sent once the program listens for its job: a process started ahead of its call is only used after this. */
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('log'), line: z.string() }),
  z.strictObject({ type: z.literal('result'), output: z.string() }),
  z.strictObject({ type: z.literal('error'), code: z.enum(CHILD_ERROR_CODES), message: z.string() }),
  z.strictObject({
    type: z.literal('fetch'),
    id,
    url: z.string(),
    method: z.string(),
    headers: z.array(z.tuple([z.string(), z.string()])),
    body: z.instanceof(Uint8Array).nullable(),
    redirect: z.enum(['follow', 'manual', 'error']),
  }),
  z.strictObject({ type: z.literal('fetch-pull'), id }),
  z.strictObject({ type: z.literal('fetch-abort'), id }),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;
export type FetchRequest = Extract<ChildMessage, { type: 'fetch' | 'fetch-pull' | 'fetch-abort' }>;

/** Why a handler call produced no regular output. */
export type HandlerErrorCode =
  | ChildErrorCode
  | 'untrusted'
  | 'unsandboxed'
  | 'compile_error'
  | 'invalid_arguments'
  | 'timeout'
  | 'exited'
  | 'cancelled'
  | 'spawn_failed';
