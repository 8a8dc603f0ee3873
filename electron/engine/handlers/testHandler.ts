import type { FunctionData } from '../../../shared/kinds/index.ts';
import { errorOutput, type HandlerResult, type HandlerRunner } from './runner.ts';
import { sampleArgs } from './sampleArgs.ts';

export interface TestHandlerOptions {
  runner: HandlerRunner;
  /** Whether the user trusts the project; handlers of an untrusted project never run. */
  trusted: boolean;
  /** The environment variables the user allowed for the project. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export interface TestHandlerResult extends HandlerResult {
  /** The arguments the handler ran with (generated from the schema when none were given). */
  args: unknown;
}

export const UNTRUSTED_MESSAGE = 'Handlers of this project do not run until you trust the project (it was opened from disk). Trust it, then try again.';

/** Runs a Function node's handler once, as the inspector's Test button does. */
export async function testHandler(fn: FunctionData, args: unknown, options: TestHandlerOptions): Promise<TestHandlerResult> {
  const used = args === undefined ? sampleArgs(fn.parameters) : args;
  if (!options.trusted) {
    return {
      args: used,
      output: errorOutput('untrusted', UNTRUSTED_MESSAGE),
      logs: [],
      durationMs: 0,
      error: { code: 'untrusted', message: UNTRUSTED_MESSAGE },
    };
  }
  const result = await options.runner.run(
    { source: fn.handler, args: used, env: options.env ?? {}, timeoutMs: fn.timeoutSeconds * 1000 },
    options.signal ?? new AbortController().signal,
  );
  return { args: used, ...result };
}
