/** The model endpoints a scripted turn can answer; `assistants` is a turn of an Assistants v2 run. */
export type Endpoint = 'responses' | 'chat' | 'assistants';

/** A function call the scripted model makes; several in one turn are parallel calls. */
export interface ScriptedToolCall {
  name: string;
  /** An object is sent as its JSON text; a string is sent as is (so malformed JSON can be scripted). */
  arguments: object | string;
  /** The call id (`call_...`); generated when absent. */
  id?: string;
}

/** A hosted file search the model runs before it answers (Responses only; the request must offer `file_search`). */
export interface ScriptedFileSearch {
  /** The queries the model searches with; by default the last user message. */
  queries?: string[];
}

/** A `file_citation` on the turn's text, pointing at one of the file search's results. */
export interface ScriptedCitation {
  /** The cited result: its position (from 0) in the search results, best first. */
  result: number;
  /** The character position in the text the citation belongs to; by default the end of the text. */
  index?: number;
}

/** A file the scripted code produced; `content` is stored as given (a string as UTF-8). */
export interface ScriptedFile {
  name: string;
  content: string | Uint8Array;
}

/**
 * A hosted code interpreter call (Responses only; the request must offer `code_interpreter`). Nothing
 * runs: the turn says what the code printed and wrote.
 */
export interface ScriptedCodeInterpreter {
  code: string;
  /** What the code printed: a `logs` output. */
  logs?: string;
  /** Pictures the code drew: each is stored in the container and becomes an `image` output linking to it. */
  images?: ScriptedFile[];
  /** Files the code wrote: each is stored in the container and cited on the text (`container_file_citation`). */
  files?: ScriptedFile[];
}

/** Answer with an HTTP error carrying OpenAI's error body. */
export interface HttpFault {
  status: number;
  /** Sent as `retry-after-ms` and `retry-after`; a 429 always sends them (default 0). */
  retryAfterMs?: number;
  message?: string;
  type?: string;
  code?: string;
}

/** Destroy the connection after this many stream events, without a terminal event. */
export interface DropFault {
  dropAfterEvents: number;
}

/** Send this many stream events, then nothing, until the client goes away. */
export interface StallFault {
  stallAfterEvents: number;
}

export type Fault = HttpFault | DropFault | StallFault;

/** One scripted model turn: plain data, consumed by one request. */
export interface Turn {
  /** The answer text; an array is streamed chunk by chunk in that order. */
  text?: string | string[];
  toolCalls?: ScriptedToolCall[];
  /** Runs the `file_search` tool before answering. */
  fileSearch?: ScriptedFileSearch;
  /** Cites file search results in the text (needs `fileSearch`). */
  citations?: ScriptedCitation[];
  /** Runs the `code_interpreter` tool before answering. */
  codeInterpreter?: ScriptedCodeInterpreter;
  /** Overrides the estimated token counts. */
  usage?: { input_tokens?: number; output_tokens?: number };
  /** Wait before the first byte of the answer. */
  delayMs?: number;
  /** Wait between stream events. */
  chunkDelayMs?: number;
  fault?: Fault;
  /** Only a request to this endpoint consumes the turn. */
  endpoint?: Endpoint;
}

/** A tool result the client sent back (`function_call_output` item or `tool` message). */
export interface ToolOutput {
  callId: string;
  output: string;
}

/** A model request as the simulator received it. */
export interface ModelRequest {
  endpoint: Endpoint;
  /** The parsed JSON body; for an `assistants` turn, what the model saw (README: Assistants v2). */
  body: Record<string, unknown>;
  /** Request headers, lower-cased, without `authorization`. */
  headers: Record<string, string>;
  /** The text of the last user message, if any. */
  lastUserText: string | undefined;
  toolOutputs: ToolOutput[];
  /** Responses API `previous_response_id`, if sent. */
  previousResponseId: string | undefined;
}

/** Decides the turn for a request when no scripted turn is queued for its endpoint. */
export type Rule = (request: ModelRequest) => Turn;

/** What answers once a script's turns are used up: the echo rule, or no rule (a 500 the SDK does not retry). */
export type ScriptEnd = 'echo' | 'error' | 'demo';

/** A script as plain data: what a script file or the control endpoint holds (README: Driving it from another process). */
export interface ScriptData {
  turns: Turn[];
  /**
   * A file's `then` (renamed here: an object with a `then` reads as a promise to linters and readers). When
   * given, sets the rule (`echo`) or clears it (`error`); when absent the rule stays as it is.
   */
  end?: ScriptEnd;
}

export interface Simulator {
  /** The origin, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** `${url}/v1`, for `new OpenAI({ baseURL })`. */
  readonly baseURL: string;
  /** Every model request received so far, oldest first (including the ones answered with a fault). */
  readonly requests: readonly ModelRequest[];
  /** How many scripted turns have not been consumed yet. */
  readonly pendingTurns: number;
  /** Queues turns; each request takes the first queued turn meant for its endpoint. */
  script(...turns: Turn[]): void;
  /** Sets (or, with `undefined`, clears) the rule used when no turn is queued. */
  rule(fn: Rule | undefined): void;
  /** Replaces the queued turns with the script's (with `append`, queues them after the others) and applies its `end`. */
  load(script: ScriptData, options?: { append?: boolean }): void;
  /** How long a file attached to a vector store stays `in_progress` (0, the default, completes it at once). */
  indexingDelayMs: number;
  /**
   * Forgets queued turns, the request log, stored files, vector stores, containers, assistants and threads;
   * the rule goes back to the one given at the start (none by default).
   */
  reset(): void;
  /** Stops listening and cuts open connections (stalled streams included). */
  close(): Promise<void>;
}
