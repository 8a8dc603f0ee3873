import type { AssistantConfig } from '../compile/types.ts';
import type { ContentTrust } from '../trust.ts';
import type { HandlerRunner } from '../handlers/runner.ts';
import type { ConversationItem, ModelProvider } from '../providers/types.ts';
import type { PriceTable } from './cost.ts';
import type { RunRecorder, StopKind } from './recorder.ts';
import type { Emit, RunState } from './runState.ts';
import type { RunBuiltins } from './tools/builtins.ts';
import type { ToolOutputSubmission } from './types.ts';

/** Everything one run needs; built by the runtime, owned by the run until it ends. */
export interface RunContext {
  state: RunState;
  recorder: RunRecorder;
  config: AssistantConfig;
  provider: ModelProvider;
  history: ConversationItem[];
  runner: HandlerRunner;
  /** File Search and Code Interpreter for this run. */
  builtins: RunBuiltins;
  trust: ContentTrust;
  env: Record<string, string>;
  maxToolRounds: number;
  /** The longest silence of a model's open stream (see RuntimeDeps.streamIdleTimeoutMs). */
  streamIdleTimeoutMs: number;
  /** How many times a model turn whose stream broke is asked for again (the connection's retries). */
  streamRetries: number;
  prices: () => PriceTable;
  emit: Emit;
  signal: AbortSignal;
  /** Why the run is being stopped (set before `signal` aborts), or null while it may go on. */
  stopKind(): Exclude<StopKind, 'failed'> | null;
  /** Waits for `submitToolOutputs`; rejects when the run is stopped. */
  waitForOutputs(callIds: string[]): Promise<ToolOutputSubmission[]>;
  onInternalError(error: unknown): void;
}
