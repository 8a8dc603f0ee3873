import type { HostedOutput, PlacedAnnotation } from './hosted.ts';
import { streamCodeInterpreterCall, streamFileSearchCall } from './hostedItems.ts';
import { newId, unixSeconds } from './http.ts';
import { splitArguments, type Plan, type PlannedCall } from './plan.ts';
import { jsonRecord, type SseRecord } from './sse.ts';

type Json = Record<string, unknown>;
/** Appends one stream event; `sequence_number` is filled in. */
export type Emit = (type: string, fields: Json) => void;

/** The hosted tool calls of a turn and the annotations they put on the answer. */
export interface HostedRender {
  output: HostedOutput;
  annotations: PlacedAnnotation[];
}

const NO_HOSTED: HostedRender = { output: { fileSearch: undefined, codeInterpreter: undefined }, annotations: [] };

/** A Responses API answer: the final `Response` object and the SSE events that stream it. */
export interface RenderedResponse {
  response: Json;
  events: SseRecord[];
}

/**
 * Renders a plan as the Responses API does: `response.created`, `response.in_progress`, then for each
 * output item its added/delta/done events, then `response.completed` (or `response.incomplete` when
 * the output-token limit cut it). `sequence_number` counts every event from 0. Hosted tool calls come
 * first (file search, then code interpreter), then the message, then function calls.
 */
export function renderResponse(plan: Plan, body: Json, hosted: HostedRender = NO_HOSTED): RenderedResponse {
  const events: Json[] = [];
  const emit: Emit = (type, fields) => events.push({ type, sequence_number: events.length, ...fields });
  const shell = responseShell(body);
  emit('response.created', { response: shell });
  emit('response.in_progress', { response: shell });
  const output: Json[] = [];
  const { fileSearch, codeInterpreter } = hosted.output;
  if (fileSearch) output.push(streamFileSearchCall(fileSearch, output.length, emit));
  if (codeInterpreter) output.push(streamCodeInterpreterCall(codeInterpreter, output.length, emit));
  if (plan.textChunks) output.push(streamMessage(plan.textChunks, plan.truncated, hosted.annotations, output.length, emit));
  for (const call of plan.toolCalls) output.push(streamFunctionCall(call, output.length, emit));
  const response = {
    ...shell,
    status: plan.truncated ? 'incomplete' : 'completed',
    completed_at: plan.truncated ? null : unixSeconds(),
    incomplete_details: plan.truncated ? { reason: 'max_output_tokens' } : null,
    output,
    usage: {
      input_tokens: plan.inputTokens,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: plan.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: plan.inputTokens + plan.outputTokens,
    },
  };
  emit(plan.truncated ? 'response.incomplete' : 'response.completed', { response });
  return { response, events: events.map((event) => jsonRecord(event, String(event.type))) };
}

// The response while it is being generated; request settings are echoed with the API's defaults.
// The real API also sends `usage: null` here, but the spec's `usage` is not nullable, so it is left out.
function responseShell(body: Json): Json {
  const text = isObject(body.text) ? body.text : {};
  return {
    id: newId('resp_'),
    object: 'response',
    created_at: unixSeconds(),
    status: 'in_progress',
    background: false,
    completed_at: null,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    max_tool_calls: body.max_tool_calls ?? null,
    model: body.model,
    output: [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: text.format ?? { type: 'text' }, verbosity: text.verbosity ?? 'medium' },
    tool_choice: body.tool_choice ?? 'auto',
    tools: Array.isArray(body.tools) ? body.tools.map(echoTool) : [],
    top_logprobs: 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    metadata: body.metadata ?? {},
  };
}

// The API echoes tools with their defaults filled in: `strict` and `parameters` for functions;
// `filters`, `max_num_results` and `ranking_options` for file search.
function echoTool(tool: unknown): unknown {
  if (isObject(tool) && tool.type === 'function') return { ...tool, parameters: tool.parameters ?? null, strict: tool.strict ?? true };
  if (isObject(tool) && tool.type === 'file_search') {
    const ranking = isObject(tool.ranking_options) ? tool.ranking_options : {};
    return {
      ...tool,
      filters: tool.filters ?? null,
      max_num_results: tool.max_num_results ?? 20,
      ranking_options: { ranker: 'auto', score_threshold: 0, ...ranking },
    };
  }
  return tool;
}

// Each annotation is announced as soon as the text it belongs to has been streamed; ones beyond a
// truncated text are dropped.
function streamMessage(chunks: string[], truncated: boolean, placed: PlacedAnnotation[], outputIndex: number, emit: Emit): Json {
  const id = newId('msg_');
  const at = { item_id: id, output_index: outputIndex, content_index: 0 };
  emit('response.output_item.added', { output_index: outputIndex, item: message(id, 'in_progress', []) });
  emit('response.content_part.added', { ...at, part: textPart('') });
  const annotations: Json[] = [];
  let streamed = 0;
  const announce = (): void => {
    for (const next of placed.slice(annotations.length)) {
      if (next.at > streamed) break;
      emit('response.output_text.annotation.added', { ...at, annotation_index: annotations.length, annotation: next.annotation });
      annotations.push(next.annotation);
    }
  };
  announce();
  for (const delta of chunks) {
    emit('response.output_text.delta', { ...at, delta, logprobs: [] });
    streamed += delta.length;
    announce();
  }
  const text = chunks.join('');
  emit('response.output_text.done', { ...at, text, logprobs: [] });
  emit('response.content_part.done', { ...at, part: textPart(text, annotations) });
  const done = message(id, truncated ? 'incomplete' : 'completed', [textPart(text, annotations)]);
  emit('response.output_item.done', { output_index: outputIndex, item: done });
  return done;
}

function streamFunctionCall(call: PlannedCall, outputIndex: number, emit: Emit): Json {
  const id = newId('fc_');
  const item = (status: string, args: string): Json => ({ id, type: 'function_call', status, arguments: args, call_id: call.callId, name: call.name });
  emit('response.output_item.added', { output_index: outputIndex, item: item('in_progress', '') });
  for (const delta of splitArguments(call.arguments)) {
    emit('response.function_call_arguments.delta', { item_id: id, output_index: outputIndex, delta });
  }
  emit('response.function_call_arguments.done', { item_id: id, output_index: outputIndex, name: call.name, arguments: call.arguments });
  const done = item('completed', call.arguments);
  emit('response.output_item.done', { output_index: outputIndex, item: done });
  return done;
}

function message(id: string, status: string, content: Json[]): Json {
  return { id, type: 'message', status, role: 'assistant', content };
}

function textPart(text: string, annotations: Json[] = []): Json {
  return { type: 'output_text', text, annotations: [...annotations], logprobs: [] };
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
