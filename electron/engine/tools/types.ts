// The tool-driver contract and the types a tool call passes through. A leaf of the runtime's type graph:
// it imports only shared types and other leaves, so drivers and the run loop can both depend on it.
import type { NodeKind } from '../../../shared/kinds/index.ts';
import type { RunStepDelta } from '../../../shared/runtime/events.ts';
import type { RunTool } from '../../../shared/runtime/objects.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall, ToolCallOf, ToolType } from '../../../shared/runtime/steps.ts';
import type { CodeInterpreterToolConfig, CompileStep, FileSearchToolConfig, FunctionToolConfig, ToolConfig } from '../compile/types.ts';
import type { HandlerResult, HandlerRunner } from '../handlers/runner.ts';
import type { ToolExport } from '../export/pieces.ts';
import type { FunctionSpec, ProviderConnection } from '../providers/types.ts';
import type { ContentTrust } from '../trust.ts';

/** The compiled configuration of one tool type. */
export type ToolConfigOf<T extends ToolType> = Extract<ToolConfig, { type: T }>;

/** One call's entry of a `thread.run.step.delta`, without its `index`. */
export type StepDeltaCall = Omit<RunStepDelta['delta']['step_details']['tool_calls'][number], 'index'>;

/** A call the model made in this round, with the tool it refers to (undefined for a name the assistant lacks). */
export interface RoundCall<C extends ToolConfig | undefined = ToolConfig | undefined> {
  position: number;
  id: string;
  name: string;
  arguments: string;
  tool: C;
}

/** The result of a call that ran (or could not run); `output` goes back to the model, `detail` into its step. */
export interface CallOutcome<D = unknown> {
  output: string;
  logs: string[];
  durationMs: number;
  error: { code: string; message: string } | null;
  detail?: D;
}

/** What a file search found, for its step. */
export type FileSearchDetail = Omit<FileSearchToolCall['file_search'], 'ranking_options'>;
/** What an execution produced, for its step (the input comes from the arguments). */
export type CodeInterpreterDetail = Omit<CodeInterpreterToolCall['code_interpreter'], 'input'>;

/** The run's own File Search and Code Interpreter (local, or local in place of a hosted one the provider cannot run). */
export interface LocalTools {
  fileSearch(tool: FileSearchToolConfig, args: unknown): Promise<CallOutcome<FileSearchDetail>>;
  codeInterpreter(tool: CodeInterpreterToolConfig, callId: string, code: string): Promise<CallOutcome<CodeInterpreterDetail>>;
}

/** A call in words; `input` and `result` are untruncated and may span lines. */
export interface CallDescription {
  name: string;
  input: string;
  result: string;
}

/** What a driver's `run` may use: the run's services and where it reports a handler's progress. */
export interface ToolRunContext {
  runner: HandlerRunner;
  trust: ContentTrust;
  env: Record<string, string>;
  signal: AbortSignal;
  local: LocalTools;
  onHandlerStarted(call: RoundCall, tool: FunctionToolConfig): void;
  onHandlerLogged(call: RoundCall, tool: FunctionToolConfig, line: string): void;
  onHandlerFinished(call: RoundCall, tool: FunctionToolConfig, result: HandlerResult): void;
}

/**
 * Everything the runtime knows about one tool type, in one place: how its node compiles, how it is
 * offered to the model, how its calls run and are recorded, and how it exports. The registry in
 * `index.ts` is a mapped type over ToolType, so a tool type without a driver, or a driver missing a
 * part, does not compile. Members are methods so that the registry can hold every driver under one type.
 */
export interface ToolDriver<T extends ToolType, K extends NodeKind = NodeKind, D = unknown, P = unknown> {
  readonly type: T;
  /** The node kind whose nodes compile to this tool. */
  readonly kind: K;
  compile(node: Parameters<CompileStep<K>>[0], ctx: Parameters<CompileStep<K>>[1]): ReturnType<CompileStep<K>>;
  /** The function the model sees when the runtime runs the tool itself. */
  functionSpec(tool: ToolConfigOf<T>): FunctionSpec;
  /** Whether the provider runs this tool itself over the given API (OpenAI-hosted), so it is not offered as a function. */
  hostedOn(tool: ToolConfigOf<T>, api: ProviderConnection['api']): boolean;
  /** The run's `tools` entry, in Assistants shape. */
  runTool(tool: ToolConfigOf<T>): RunTool;
  /** A fresh call record of this type for a call the model just started. */
  newCall(tool: ToolConfigOf<T>, id: string, name: string): ToolCallOf<T>;
  /** The step delta that announces the call as it starts streaming (Assistants streamed each call so). */
  deltaStarted(call: ToolCallOf<T>): StepDeltaCall;
  /** The step delta for a piece of the model's arguments, or null where Assistants streamed none for this type. */
  deltaArguments(call: ToolCallOf<T>, delta: string): StepDeltaCall | null;
  /** The step delta once the call's output is known, or null where Assistants streamed none for this type. */
  deltaOutput(call: ToolCallOf<T>): StepDeltaCall | null;
  /** Whether a call waits for the user (the run goes to `requires_action` and the output is submitted). */
  asksUser(tool: ToolConfigOf<T>): boolean;
  /** Runs one call that does not wait for the user; never throws for the tool's own failures. */
  run(call: RoundCall<ToolConfigOf<T>>, ctx: ToolRunContext): Promise<CallOutcome<D>>;
  /** The call record with its outcome filled in (`args` as the model sent them). */
  record(call: ToolCallOf<T>, args: string, outcome: CallOutcome<D>): ToolCallOf<T>;
  /** The call in words, for text output (the CLI, logs): the tool's name, what it was asked, and what came back. */
  describe(call: ToolCallOf<T>): CallDescription;
  /** How the tool exports: its plan and its part in every format. */
  readonly export: ToolExport<ToolConfigOf<T>, P>;
}
