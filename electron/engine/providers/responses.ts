import type OpenAI from 'openai';
import type { ResponseCreateParamsStreaming, ResponseInputItem, Tool } from 'openai/resources/responses/responses';
import { streamRequest } from './stream.ts';
import { cutStream } from './errors.ts';
import { codeInterpreterCall, fileSearchCall, hostedAnnotation, hostedParams } from './responsesHosted.ts';
import { ProviderFailure, type ConversationItem, type FunctionSpec, type ModelProvider, type ModelRequest } from './types.ts';

function toInput(item: ConversationItem): ResponseInputItem {
  switch (item.type) {
    case 'message':
      return { role: item.role, content: item.text };
    case 'function_call':
      return { type: 'function_call', call_id: item.callId, name: item.name, arguments: item.arguments };
    case 'function_call_output':
      return { type: 'function_call_output', call_id: item.callId, output: item.output };
  }
}

// The offered functions are one array per compiled assistant, sent again with every request of every run.
const functionTools = new WeakMap<readonly FunctionSpec[], Tool[]>();
function toFunctionTools(specs: readonly FunctionSpec[]): Tool[] {
  let tools = functionTools.get(specs);
  if (!tools) {
    tools = specs.map((t): Tool => ({ type: 'function', name: t.name, description: t.description, parameters: t.parameters, strict: t.strict }));
    functionTools.set(specs, tools);
  }
  return tools;
}

function responsesParams(request: ModelRequest): ResponseCreateParamsStreaming {
  const hosted = hostedParams(request.hosted);
  const functions = toFunctionTools(request.tools);
  const tools = hosted.tools.length > 0 ? [...functions, ...hosted.tools] : functions;
  const format = request.responseFormat;
  const choice = request.toolChoice;
  return {
    model: request.model,
    instructions: request.instructions,
    input: request.input.map(toInput),
    stream: true,
    // The runtime keeps the conversation itself; nothing needs to live on the provider's side.
    store: false,
    ...(hosted.include.length > 0 ? { include: hosted.include } : {}),
    ...(request.temperature !== null ? { temperature: request.temperature } : {}),
    ...(request.topP !== null ? { top_p: request.topP } : {}),
    ...(request.maxOutputTokens !== null ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(format.type === 'json_schema'
      ? {
          text: {
            format: {
              type: 'json_schema',
              name: format.json_schema.name,
              schema: format.json_schema.schema as Record<string, unknown>,
              strict: format.json_schema.strict,
            },
          },
        }
      : format.type === 'json_object'
        ? { text: { format: { type: 'json_object' } } }
        : {}),
    ...(tools.length > 0
      ? {
          tools,
          parallel_tool_calls: request.parallelToolCalls,
          tool_choice: typeof choice === 'string' ? choice : { type: 'function', name: choice.function.name },
        }
      : {}),
  };
}

/** The OpenAI Responses API (`POST /responses`, streamed), with function tools fed back as `function_call_output` items. */
export function responsesProvider(client: OpenAI, where: string, apiKey: string): ModelProvider {
  return {
    api: 'responses',
    async respond(request: ModelRequest, { signal, onEvent, idleTimeoutMs }): Promise<void> {
      const calls = new Map<string, { index: number; callId: string; name: string }>();
      // Where each text part starts in the turn's text, so annotations can be placed in the message.
      const partStarts = new Map<string, number>();
      let lastItem = '';
      let lastIndex = -1;
      let textLength = 0;
      let finished = false;
      await streamRequest({ open: () => client.responses.create(responsesParams(request)), signal, onEvent, where, apiKey, idleTimeoutMs }, (event, emit) => {
        switch (event.type) {
          case 'response.output_text.delta':
            // Deltas come part after part; building the key for each of them would cost more than the rest.
            if (event.item_id !== lastItem || event.content_index !== lastIndex) {
              lastItem = event.item_id;
              lastIndex = event.content_index;
              if (!partStarts.has(`${event.item_id}:${event.content_index}`)) partStarts.set(`${event.item_id}:${event.content_index}`, textLength);
            }
            textLength += event.delta.length;
            emit({ type: 'text_delta', delta: event.delta });
            break;
          case 'response.output_text.annotation.added': {
            const annotation = hostedAnnotation(event.annotation, partStarts.get(`${event.item_id}:${event.content_index}`) ?? textLength);
            if (annotation) emit({ type: 'annotation', annotation });
            break;
          }
          case 'response.output_item.added':
            if (event.item.type === 'function_call') {
              const call = { index: event.output_index, callId: event.item.call_id, name: event.item.name };
              calls.set(event.item.id ?? event.item.call_id, call);
              emit({ type: 'tool_call_started', ...call });
            } else if (event.item.type === 'file_search_call' || event.item.type === 'code_interpreter_call') {
              emit({
                type: 'hosted_call_started',
                index: event.output_index,
                callId: event.item.id,
                kind: event.item.type === 'file_search_call' ? 'file_search' : 'code_interpreter',
              });
            }
            break;
          case 'response.function_call_arguments.delta': {
            const call = calls.get(event.item_id);
            if (call) emit({ type: 'tool_call_arguments_delta', index: call.index, delta: event.delta });
            break;
          }
          case 'response.output_item.done':
            if (event.item.type === 'function_call') {
              emit({ type: 'tool_call_done', index: event.output_index, callId: event.item.call_id, name: event.item.name, arguments: event.item.arguments });
            } else if (event.item.type === 'file_search_call') {
              emit({ type: 'hosted_call_done', index: event.output_index, call: fileSearchCall(event.item) });
            } else if (event.item.type === 'code_interpreter_call') {
              emit({ type: 'hosted_call_done', index: event.output_index, call: codeInterpreterCall(event.item) });
            }
            break;
          case 'response.completed':
          case 'response.incomplete': {
            const usage = event.response.usage;
            const reason = event.response.incomplete_details?.reason;
            finished = true;
            emit({
              type: 'completed',
              finish:
                event.type === 'response.incomplete' ? (reason === 'content_filter' ? 'content_filter' : 'length') : calls.size > 0 ? 'tool_calls' : 'stop',
              usage: usage ? { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens } : null,
            });
            break;
          }
          case 'response.failed':
            throw new ProviderFailure('server_error', `The model failed to answer: ${event.response.error?.message ?? 'no reason given'}`);
          default:
            break;
        }
      });
      if (!finished) {
        if (signal.aborted) throw signal.reason;
        throw cutStream();
      }
    },
  };
}
