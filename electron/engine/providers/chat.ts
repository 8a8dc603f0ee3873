import type OpenAI from 'openai';
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
} from 'openai/resources/chat/completions';
import { streamRequest } from './stream.ts';
import { cutStream } from './errors.ts';
import type { FinishReason, FunctionSpec, ModelProvider, ModelRequest, TokenUsage } from './types.ts';

/** The conversation as Chat Completions messages: consecutive calls join one assistant message. */
function toMessages(request: ModelRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = request.instructions ? [{ role: 'system', content: request.instructions }] : [];
  for (const item of request.input) {
    if (item.type === 'message') {
      messages.push(item.role === 'user' ? { role: 'user', content: item.text } : { role: 'assistant', content: item.text });
    } else if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.callId, content: item.output });
    } else {
      const call: ChatCompletionMessageToolCall = { id: item.callId, type: 'function', function: { name: item.name, arguments: item.arguments } };
      const last = messages.at(-1);
      // Text and tool calls of one model turn belong to one assistant message.
      if (last?.role === 'assistant') {
        last.tool_calls = [...(last.tool_calls ?? []), call];
      } else {
        messages.push({ role: 'assistant', content: null, tool_calls: [call] });
      }
    }
  }
  return messages;
}

// The offered functions are one array per compiled assistant, sent again with every request of every run.
const functionTools = new WeakMap<readonly FunctionSpec[], ChatCompletionFunctionTool[]>();
function toFunctionTools(specs: readonly FunctionSpec[]): ChatCompletionFunctionTool[] {
  let tools = functionTools.get(specs);
  if (!tools) {
    tools = specs.map((t) => ({
      type: 'function' as const,
      function: { name: t.name, description: t.description, parameters: t.parameters, strict: t.strict },
    }));
    functionTools.set(specs, tools);
  }
  return tools;
}

function chatParams(request: ModelRequest): ChatCompletionCreateParamsStreaming {
  const format = request.responseFormat;
  const choice = request.toolChoice;
  return {
    model: request.model,
    messages: toMessages(request),
    stream: true,
    stream_options: { include_usage: true },
    ...(request.temperature !== null ? { temperature: request.temperature } : {}),
    ...(request.topP !== null ? { top_p: request.topP } : {}),
    ...(request.maxOutputTokens !== null ? { max_completion_tokens: request.maxOutputTokens } : {}),
    ...(format.type === 'json_schema'
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: { name: format.json_schema.name, schema: format.json_schema.schema as Record<string, unknown>, strict: format.json_schema.strict },
          },
        }
      : format.type === 'json_object'
        ? { response_format: { type: 'json_object' } }
        : {}),
    // Compatible servers reject tool settings without tools, so they go together.
    ...(request.tools.length > 0
      ? {
          tools: toFunctionTools(request.tools),
          parallel_tool_calls: request.parallelToolCalls,
          tool_choice: typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.function.name } },
        }
      : {}),
  };
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  length: 'length',
  content_filter: 'content_filter',
};

/** Chat Completions (`POST /chat/completions`, streamed) for OpenAI and any compatible server. */
export function chatProvider(client: OpenAI, where: string, apiKey: string): ModelProvider {
  return {
    api: 'chat',
    async respond(request: ModelRequest, { signal, onEvent, idleTimeoutMs }): Promise<void> {
      const calls = new Map<number, { callId: string; name: string; arguments: string }>();
      let finish: FinishReason | null = null;
      let usage: TokenUsage | null = null;
      await streamRequest({ open: () => client.chat.completions.create(chatParams(request)), signal, onEvent, where, apiKey, idleTimeoutMs }, (chunk, emit) => {
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        const choice = chunk.choices[0];
        if (!choice) return;
        if (choice.delta.content) emit({ type: 'text_delta', delta: choice.delta.content });
        for (const part of choice.delta.tool_calls ?? []) {
          let call = calls.get(part.index);
          if (!call) {
            call = { callId: part.id ?? '', name: part.function?.name ?? '', arguments: '' };
            calls.set(part.index, call);
            emit({ type: 'tool_call_started', index: part.index, callId: call.callId, name: call.name });
          }
          const fragment = part.function?.arguments;
          if (fragment) {
            call.arguments += fragment;
            emit({ type: 'tool_call_arguments_delta', index: part.index, delta: fragment });
          }
        }
        if (choice.finish_reason) finish = FINISH[choice.finish_reason] ?? 'stop';
      });
      // The SDK ends iteration quietly at `[DONE]` and throws on a broken connection; a stream that just
      // stops before its last chunk has no finish reason.
      if (finish === null) {
        if (signal.aborted) throw signal.reason;
        throw cutStream();
      }
      for (const [index, call] of calls) onEvent({ type: 'tool_call_done', index, ...call });
      onEvent({ type: 'completed', finish: calls.size > 0 && finish === 'stop' ? 'tool_calls' : finish, usage });
    },
  };
}
