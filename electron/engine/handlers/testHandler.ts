import type { FunctionData } from '../../../shared/kinds/index.ts';
import { errorOutput, type HandlerResult, type HandlerRunner } from './runner.ts';
import { sampleArgs } from './sampleArgs.ts';

export interface TestHandlerOptions {
  runner: HandlerRunner;
  /** Whether the user trusts the project; handlers of an untrusted project never run. */
  trusted: boolean;
  /** Whether the handler arrived by import or paste and was not reviewed yet; it does not run either. */
  unreviewed?: boolean;
  /** The environment variables the user allowed for the project. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export interface TestHandlerResult extends HandlerResult {
  /** The arguments the handler ran with (generated from the schema when none were given). */
  args: unknown;
}

export const UNTRUSTED_MESSAGE =
  'Handlers of this project do not run until you trust the project (it was opened from disk, or its handlers changed outside the app since you trusted it). Review and trust it, then try again.';
export const UNREVIEWED_MESSAGE = 'This handler arrived by import or paste and does not run until you review it. Review it, then try again.';

/** Runs a Function node's handler once, as the inspector's Test button does. */
export async function testHandler(fn: FunctionData, args: unknown, options: TestHandlerOptions): Promise<TestHandlerResult> {
  const used = args === undefined ? sampleArgs(fn.parameters) : args;
  if (!options.trusted || options.unreviewed === true) {
    const message = options.trusted ? UNREVIEWED_MESSAGE : UNTRUSTED_MESSAGE;
    return { args: used, output: errorOutput('untrusted', message), logs: [], durationMs: 0, error: { code: 'untrusted', message } };
  }
  const result = await options.runner.run(
    { source: fn.handler, args: used, env: options.env ?? {}, timeoutMs: fn.timeoutSeconds * 1000, network: fn.network },
    options.signal ?? new AbortController().signal,
  );
  return { args: used, ...result };
}
