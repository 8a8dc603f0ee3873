// Our objects as the Assistants API sends them: our own fields (the Assistant node, the provider, the
// cost, the timeline's logs and errors, citation chunk ids, local paths) are dropped, and values the
// spec's enums do not have are mapped to the nearest ones it does, so every object validates.
import { isRunStatusEvent, MESSAGE_EVENT_NAMES, STEP_EVENT_NAMES, type RunEvent } from '../../shared/runtime/events.ts';
import type { AssistantObject, FileObject, Message, Run, RunError, Thread } from '../../shared/runtime/objects.ts';
import type { RunStep, ToolCall } from '../../shared/runtime/steps.ts';

/** The only `include[]` value of the run step endpoints: the text of each file search result. */
export const INCLUDE_RESULT_CONTENT = 'step_details.tool_calls[*].file_search.results[*].content';

/** Assistants made through the API are kept in the API's own shape. */
export const assistantOut = (a: AssistantObject): AssistantObject => a;

export function threadOut(t: Thread) {
  return { id: t.id, object: t.object, created_at: t.created_at, tool_resources: t.tool_resources, metadata: t.metadata };
}

export function messageOut(m: Message) {
  return {
    ...m,
    content: m.content.map((part) =>
      part.type !== 'text'
        ? part
        : {
            type: part.type,
            text: {
              value: part.text.value,
              annotations: part.text.annotations.map((a) => (a.type === 'file_citation' ? { ...a, file_citation: { file_id: a.file_citation.file_id } } : a)),
            },
          },
    ),
  };
}

/** Our failure codes beyond the API's three (a crash, a cut stream, a refused key …) are server errors there. */
function apiError<C extends string>(error: RunError | null, codes: readonly C[]): { code: C | 'server_error'; message: string } | null {
  if (!error) return null;
  const code = (codes as readonly string[]).includes(error.code) ? (error.code as C) : 'server_error';
  return { code, message: error.message };
}

const RUN_ERROR_CODES = ['server_error', 'rate_limit_exceeded', 'invalid_prompt'] as const;
const STEP_ERROR_CODES = ['server_error', 'rate_limit_exceeded'] as const;
const INCOMPLETE_REASONS: readonly string[] = ['max_completion_tokens', 'max_prompt_tokens'];

/** A built-in tool forced by name: the runtime offers it as a function, the API names it by type. */
function toolChoiceOut(run: Run): Run['tool_choice'] | { type: 'file_search' | 'code_interpreter' } {
  const choice = run.tool_choice;
  if (typeof choice === 'string' || (choice.function.name !== 'file_search' && choice.function.name !== 'code_interpreter')) return choice;
  const name = choice.function.name;
  const userFunction = run.tools.some((t) => t.type === 'function' && t.function.name === name);
  return userFunction ? choice : { type: name };
}

export function runOut(run: Run) {
  const { assistant_node_id: _node, provider_id: _provider, estimated_cost: _cost, ...api } = run;
  const reason = run.incomplete_details?.reason;
  return {
    ...api,
    last_error: apiError(run.last_error, RUN_ERROR_CODES),
    // Ours `max_tool_rounds` has no name in the API; the run is still `incomplete`.
    incomplete_details: run.incomplete_details && reason && INCOMPLETE_REASONS.includes(reason) ? { reason } : run.incomplete_details ? {} : null,
    tool_choice: toolChoiceOut(run),
  };
}

const rankerOut = (ranker: string): 'auto' | 'default_2024_08_21' => (ranker === 'auto' ? 'auto' : 'default_2024_08_21');
const clampScore = (score: number): number => Math.min(1, Math.max(0, score));

function toolCallOut(call: ToolCall, withContent: boolean) {
  switch (call.type) {
    case 'function':
      return { id: call.id, type: call.type, function: call.function };
    case 'code_interpreter':
      return { id: call.id, type: call.type, code_interpreter: { input: call.code_interpreter.input, outputs: call.code_interpreter.outputs } };
    case 'file_search': {
      const { ranking_options: ranking, results } = call.file_search;
      return {
        id: call.id,
        type: call.type,
        file_search: {
          ...(ranking ? { ranking_options: { ranker: rankerOut(ranking.ranker), score_threshold: ranking.score_threshold } } : {}),
          ...(results
            ? {
                results: results.map((r) => ({
                  file_id: r.file_id,
                  file_name: r.file_name,
                  score: clampScore(r.score),
                  ...(withContent && r.content ? { content: r.content } : {}),
                })),
              }
            : {}),
        },
      };
    }
  }
}

/** A run step; file search results carry their text only when the client asked for it (`include[]`). */
export function stepOut(step: RunStep, withContent: boolean) {
  const details = step.step_details;
  return {
    ...step,
    step_details:
      details.type === 'message_creation' ? details : { type: details.type, tool_calls: details.tool_calls.map((c) => toolCallOut(c, withContent)) },
    last_error: apiError(step.last_error, STEP_ERROR_CODES),
    // The spec names it `expired_at`; the API's payloads (and the spec's own example) say `expires_at`.
    expires_at: step.expired_at,
  };
}

/** The API's `OpenAIFile`; `status` is deprecated there but still required, and a stored file is processed. */
export function fileOut(f: FileObject) {
  return { id: f.id, object: f.object, bytes: f.bytes, created_at: f.created_at, filename: f.filename, purpose: f.purpose, status: 'processed' as const };
}

/** A run event as an SSE event of the API, or null for ours alone. */
export function eventOut(event: RunEvent, withContent: boolean): { event: string; data: unknown } | null {
  if (event.event === 'thread.run.step.delta') {
    const details = event.data.delta.step_details;
    // As the API sends them: a file search entry carries `file_search` (the spec requires it), and a code
    // interpreter's first entry an empty `code_interpreter` (event handlers written for the API read it).
    const calls = details.tool_calls.map(({ node_id: _node, ...call }) => {
      if (call.type === 'file_search') return { ...call, file_search: {} };
      if (call.type === 'code_interpreter' && call.id !== undefined) return { ...call, code_interpreter: { input: '', outputs: [] } };
      return call;
    });
    return { event: event.event, data: { ...event.data, delta: { step_details: { ...details, tool_calls: calls } } } };
  }
  if (event.event === 'thread.message.delta') return { event: event.event, data: event.data };
  if (isRunStatusEvent(event)) return { event: event.event, data: runOut(event.data) };
  if (isStepEvent(event)) return { event: event.event, data: stepOut(event.data, withContent) };
  if (isMessageEvent(event)) return { event: event.event, data: messageOut(event.data) };
  // Ours alone (a Function handler's progress, for the canvas).
  return null;
}

type StepEvent = Extract<RunEvent, { event: (typeof STEP_EVENT_NAMES)[number] }>;
type MessageEvent = Extract<RunEvent, { event: (typeof MESSAGE_EVENT_NAMES)[number] }>;
/** A run step's status changed (created, in progress, completed …). */
export const isStepEvent = (event: RunEvent): event is StepEvent => (STEP_EVENT_NAMES as readonly string[]).includes(event.event);
/** A message's status changed. */
export const isMessageEvent = (event: RunEvent): event is MessageEvent => (MESSAGE_EVENT_NAMES as readonly string[]).includes(event.event);
