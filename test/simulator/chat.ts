import { newId, unixSeconds } from './http.ts';
import { splitArguments, type Plan } from './plan.ts';
import { jsonRecord, type SseRecord } from './sse.ts';

type Json = Record<string, unknown>;

/** A Chat Completions answer: the `chat.completion` object and the chunk stream that carries it. */
export interface RenderedChat {
  completion: Json;
  chunks: SseRecord[];
}

/**
 * Renders a plan as Chat Completions does. The stream opens with the role, then content deltas, then
 * each tool call (the first fragment carries `id`, `type` and `name`; later ones only `arguments`),
 * then a chunk with `finish_reason`, then (with `stream_options.include_usage`) a usage chunk with
 * empty `choices`, then `data: [DONE]`.
 */
export function renderChat(plan: Plan, body: Json): RenderedChat {
  const id = newId('chatcmpl-');
  const created = unixSeconds();
  const finishReason = plan.truncated ? 'length' : plan.toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const usage = {
    prompt_tokens: plan.inputTokens,
    completion_tokens: plan.outputTokens,
    total_tokens: plan.inputTokens + plan.outputTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
  const header = (object: string): Json => ({ id, object, created, model: body.model, service_tier: 'default' });
  const toolCalls = plan.toolCalls.map((call) => ({ id: call.callId, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const completion = {
    ...header('chat.completion'),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: plan.textChunks?.join('') ?? null,
          refusal: null,
          annotations: [],
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage,
  };

  const streamOptions = body.stream_options;
  const includeUsage = streamOptions !== null && typeof streamOptions === 'object' && 'include_usage' in streamOptions && streamOptions.include_usage === true;
  // With include_usage, every chunk carries `usage: null` until the final usage chunk.
  const chunk = (choices: Json[]): Json => ({ ...header('chat.completion.chunk'), choices, ...(includeUsage ? { usage: null } : {}) });
  const delta = (fields: Json, finish: string | null = null): Json => chunk([{ index: 0, delta: fields, logprobs: null, finish_reason: finish }]);
  const chunks = [delta({ role: 'assistant', content: plan.textChunks ? '' : null, refusal: null })];
  for (const content of plan.textChunks ?? []) chunks.push(delta({ content }));
  for (const [index, call] of plan.toolCalls.entries()) {
    chunks.push(delta({ tool_calls: [{ index, id: call.callId, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const fragment of splitArguments(call.arguments)) chunks.push(delta({ tool_calls: [{ index, function: { arguments: fragment } }] }));
  }
  chunks.push(delta({}, finishReason));
  if (includeUsage) chunks.push({ ...chunk([]), usage });
  return { completion, chunks: [...chunks.map((value) => jsonRecord(value)), { data: '[DONE]' }] };
}
