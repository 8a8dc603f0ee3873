import type { RunErrorCode } from '../../../shared/runtime/objects.ts';
import type { ResponseFormatConfig, ToolChoiceConfig } from '../compile/types.ts';

/** One entry of the conversation sent to the model, independent of the API that carries it. */
export type ConversationItem =
  | { type: 'message'; role: 'user' | 'assistant'; text: string }
  | { type: 'function_call'; callId: string; name: string; arguments: string }
  | { type: 'function_call_output'; callId: string; output: string };

/** A function as offered to the model. */
export interface FunctionSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  strict: boolean;
}

/** One model turn to generate. Stateless: the whole conversation is sent every time. */
export interface ModelRequest {
  model: string;
  instructions: string;
  input: ConversationItem[];
  tools: FunctionSpec[];
  temperature: number | null;
  topP: number | null;
  maxOutputTokens: number | null;
  responseFormat: ResponseFormatConfig;
  toolChoice: ToolChoiceConfig;
  parallelToolCalls: boolean;
  /** Tools the provider runs itself (Responses only); their calls arrive as `hosted_call_*` events. */
  hosted?: HostedToolsRequest;
}

/** OpenAI-hosted File Search and Code Interpreter as one request offers them. */
export interface HostedToolsRequest {
  fileSearch: { vectorStoreIds: string[]; maxResults: number; ranker: string; scoreThreshold: number } | null;
  /** A live container's id, or a new one holding these uploaded files. */
  codeInterpreter: { container: string | { type: 'auto'; fileIds: string[] } } | null;
}

/** A hosted tool call as the provider ran it; `results`/`outputs` are null when the API left them out. */
export type HostedCall =
  | {
      kind: 'file_search';
      callId: string;
      status: string;
      queries: string[];
      results: { fileId: string; fileName: string; score: number; text: string }[] | null;
    }
  | {
      kind: 'code_interpreter';
      callId: string;
      status: string;
      code: string;
      containerId: string;
      outputs: ({ type: 'logs'; logs: string } | { type: 'image'; url: string })[] | null;
    };

/** An annotation on the turn's text; offsets count UTF-16 units from the start of the turn's text. */
export type HostedAnnotation =
  | { type: 'file_citation'; fileId: string; fileName: string; index: number }
  | { type: 'container_file_citation'; containerId: string; fileId: string; fileName: string; start: number; end: number };

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Why the model stopped: its answer is done, it wants tool outputs, or a limit cut it. */
export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter';

/** The normalised stream every provider produces; `index` identifies a tool call within the turn. */
export type ProviderEvent =
  | { type: 'text_delta'; delta: string }
  | { type: 'tool_call_started'; index: number; callId: string; name: string }
  | { type: 'tool_call_arguments_delta'; index: number; delta: string }
  | { type: 'tool_call_done'; index: number; callId: string; name: string; arguments: string }
  | { type: 'hosted_call_started'; index: number; callId: string; kind: HostedCall['kind'] }
  | { type: 'hosted_call_done'; index: number; call: HostedCall }
  | { type: 'annotation'; annotation: HostedAnnotation }
  | { type: 'completed'; finish: FinishReason; usage: TokenUsage | null };

/** Where a provider hands each event of a turn, synchronously, as the SDK's stream delivers it. */
export type ProviderSink = (event: ProviderEvent) => void;

/** How one turn is streamed: where its events go, what stops it, and how long the stream may stay silent. */
interface RespondOptions {
  signal: AbortSignal;
  onEvent: ProviderSink;
  /** Once the stream is open, the longest wait for its next event; then the turn fails (`stream_interrupted`). */
  idleTimeoutMs: number;
}

/**
 * A model API. `respond` streams one turn into `onEvent` and settles when the turn is over; it rejects
 * with a ProviderFailure when the turn cannot finish, or with the signal's reason when stopped.
 * Events are pushed rather than iterated: every layer of async iteration costs a few microtasks per
 * streamed event, and the SDK's stream is already one.
 */
export interface ModelProvider {
  readonly api: 'responses' | 'chat';
  respond(request: ModelRequest, options: RespondOptions): Promise<void>;
}

/** A provider call that failed after the SDK's own retries; becomes the run's `last_error`. */
export class ProviderFailure extends Error {
  readonly code: RunErrorCode;
  readonly status: number | null;
  constructor(code: RunErrorCode, message: string, status: number | null = null) {
    super(message);
    this.name = 'ProviderFailure';
    this.code = code;
    this.status = status;
  }
}

/** How to reach a provider; resolved by the app from its settings and secrets for each run. */
export interface ProviderConnection {
  api: 'responses' | 'chat';
  /** Base URL including `/v1`; empty means the SDK default (api.openai.com). */
  baseUrl: string;
  apiKey: string;
  /** Retries by the SDK (429, 5xx, connection errors); default 2. */
  maxRetries?: number;
  /** Per-request time limit in ms; default 10 minutes (the SDK's). */
  timeoutMs?: number;
}
