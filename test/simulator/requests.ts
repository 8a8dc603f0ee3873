import type { IncomingHttpHeaders } from 'node:http';
import { invalidRequest } from './http.ts';
import type { Endpoint, ModelRequest, ToolOutput } from './types.ts';

type Item = Record<string, unknown>;

/** Checks the fields every model request needs (the real API rejects requests without them) and builds the logged view. */
export function toModelRequest(endpoint: Endpoint, body: Record<string, unknown>, headers: IncomingHttpHeaders): ModelRequest {
  if (typeof body.model !== 'string' || body.model === '') throw invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  if (endpoint === 'chat') checkChatTools(body.tools);
  const items = endpoint === 'chat' ? chatMessages(body) : responseItems(body);
  const previous = body.previous_response_id;
  return {
    endpoint,
    body,
    headers: loggedHeaders(headers),
    lastUserText: lastUserText(items, endpoint === 'chat' ? 'text' : 'input_text'),
    toolOutputs: endpoint === 'chat' ? chatToolOutputs(items) : responseToolOutputs(items),
    previousResponseId: typeof previous === 'string' ? previous : undefined,
  };
}

// Hosted tools (file_search, code_interpreter, ...) exist only in the Responses API.
function checkChatTools(tools: unknown): void {
  if (!Array.isArray(tools)) return;
  for (const [index, tool] of tools.entries()) {
    const type = isItem(tool) ? tool.type : undefined;
    if (type === 'function' || type === 'custom') continue;
    throw invalidRequest(`Invalid value: '${String(type)}'. Supported values are: 'function' and 'custom'.`, `tools[${index}].type`, 'invalid_value');
  }
}

function chatMessages(body: Record<string, unknown>): Item[] {
  const { messages } = body;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalidRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  return messages.filter(isItem);
}

function responseItems(body: Record<string, unknown>): Item[] {
  const { input } = body;
  if (input === undefined) return [];
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (Array.isArray(input)) return input.filter(isItem);
  throw invalidRequest("Invalid type for 'input': expected a string or an array of input items.", 'input', 'invalid_type');
}

function lastUserText(items: Item[], partType: string): string | undefined {
  const message = items.findLast((item) => item.role === 'user');
  return message === undefined ? undefined : contentText(message.content, partType);
}

function chatToolOutputs(messages: Item[]): ToolOutput[] {
  return messages
    .filter((message) => message.role === 'tool')
    .map((message) => ({ callId: String(message.tool_call_id), output: contentText(message.content, 'text') }));
}

function responseToolOutputs(items: Item[]): ToolOutput[] {
  return items
    .filter((item) => item.type === 'function_call_output')
    .map((item) => ({ callId: String(item.call_id), output: contentText(item.output, 'input_text') }));
}

// Message content is either a string or a list of typed parts; only the text parts count here.
function contentText(content: unknown, partType: string): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((part): part is Item => isItem(part) && part.type === partType && typeof part.text === 'string')
    .map((part) => part.text)
    .join('');
}

/** Request headers as `ModelRequest.headers` records them: lower-cased, without the key. */
export function loggedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const logged: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || value === undefined) continue;
    logged[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return logged;
}

function isItem(value: unknown): value is Item {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
