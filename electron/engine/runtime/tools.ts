import type { CodeInterpreterToolCall, FileSearchToolCall, ToolCall } from '../../../shared/runtime/steps.ts';
import type { AssistantConfig, FunctionToolConfig, ToolConfig } from '../compile/types.ts';
import { errorOutput, type HandlerResult, type HandlerRunner } from '../handlers/runner.ts';
import { UNTRUSTED_MESSAGE } from '../handlers/testHandler.ts';
import { toolForName } from './offer.ts';
import type { RunBuiltins } from './tools/builtins.ts';

/** A call the model made in this round, with what it refers to. */
export interface RoundCall {
  position: number;
  id: string;
  name: string;
  arguments: string;
  tool: ToolConfig | undefined;
}

/** The result of a call that ran (or could not run); `output` goes back to the model. */
export interface CallOutcome {
  output: string;
  logs: string[];
  durationMs: number;
  error: { code: string; message: string } | null;
  /** What a file search found, for its step. */
  fileSearch?: Omit<FileSearchToolCall['file_search'], 'ranking_options'>;
  /** What an execution produced, for its step (the input comes from the arguments). */
  codeInterpreter?: Omit<CodeInterpreterToolCall['code_interpreter'], 'input'>;
}

export interface ToolRunContext {
  runner: HandlerRunner;
  trusted: boolean;
  env: Record<string, string>;
  signal: AbortSignal;
  builtins: RunBuiltins;
  onHandlerStarted(call: RoundCall, tool: FunctionToolConfig): void;
  onHandlerLogged(call: RoundCall, tool: FunctionToolConfig, line: string): void;
  onHandlerFinished(call: RoundCall, tool: FunctionToolConfig, result: HandlerResult): void;
}

const failed = (code: string, message: string): CallOutcome => ({ output: errorOutput(code, message), logs: [], durationMs: 0, error: { code, message } });

/** Whether the call waits for the user (a Function in "ask me" mode). */
export const isAskCall = (call: RoundCall): boolean => call.tool?.type === 'function' && call.tool.mode === 'ask';

/** Runs one call that does not wait for the user. */
export async function runCall(call: RoundCall, ctx: ToolRunContext): Promise<CallOutcome> {
  const tool = call.tool;
  if (!tool) return failed('unknown_tool', `There is no tool named "${call.name}". Use only the tools you were given.`);
  if (tool.type === 'code_interpreter') return ctx.builtins.codeInterpreter(tool, call.id, codeOf(call.arguments));
  if (tool.type === 'function' && tool.mode === 'mock') return { output: tool.mockOutput, logs: [], durationMs: 0, error: null };
  let args: unknown;
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return failed('invalid_arguments', `The arguments are not valid JSON: ${call.arguments.slice(0, 200)}`);
  }
  if (tool.type === 'file_search') return ctx.builtins.fileSearch(tool, args);
  if (!ctx.trusted) return failed('untrusted', UNTRUSTED_MESSAGE);
  ctx.onHandlerStarted(call, tool);
  const result = await ctx.runner.run(
    { source: tool.handler, args, env: ctx.env, timeoutMs: tool.timeoutMs, onLog: (line) => ctx.onHandlerLogged(call, tool, line) },
    ctx.signal,
  );
  ctx.onHandlerFinished(call, tool, result);
  return result;
}

/** Resolves the round's calls against the assistant's tools. */
export function roundCalls(config: AssistantConfig, calls: { position: number; id: string; name: string; arguments: string }[]): RoundCall[] {
  return calls.map((c) => ({ ...c, tool: toolForName(config, c.name) }));
}

/** The tool call record with its outcome filled in. */
export function withOutcome(call: ToolCall, args: string, outcome: CallOutcome): ToolCall {
  const common = { duration_ms: outcome.durationMs, error: outcome.error };
  switch (call.type) {
    case 'function':
      return { ...call, ...common, function: { ...call.function, arguments: args, output: outcome.output }, logs: outcome.logs };
    case 'file_search':
      return { ...call, ...common, file_search: { ...call.file_search, ...outcome.fileSearch } };
    case 'code_interpreter':
      return { ...call, ...common, code_interpreter: { ...call.code_interpreter, ...outcome.codeInterpreter, input: codeOf(args) } };
  }
}

/** The code of an interpreter call; a model that sends bare code instead of `{code}` is taken at its word. */
function codeOf(args: string): string {
  try {
    const parsed = JSON.parse(args) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : args;
  } catch {
    return args;
  }
}
