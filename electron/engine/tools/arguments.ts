import { errorOutput } from '../handlers/runner.ts';
import type { CallOutcome } from './types.ts';

/** A call that could not run; the same output shape as a failed handler, so the model reads every tool failure alike. */
export const failedCall = (code: string, message: string): CallOutcome<never> => ({
  output: errorOutput(code, message),
  logs: [],
  durationMs: 0,
  error: { code, message },
});

/** The call's JSON arguments (empty means `{}`), or the failure to hand back to the model. */
export function parseArguments(text: string): { ok: true; args: unknown } | { ok: false; outcome: CallOutcome<never> } {
  try {
    return { ok: true, args: text.trim() === '' ? {} : JSON.parse(text) };
  } catch {
    return { ok: false, outcome: failedCall('invalid_arguments', `The arguments are not valid JSON: ${text.slice(0, 200)}`) };
  }
}
