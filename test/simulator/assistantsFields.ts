import type { AssistantTool } from 'openai/resources/beta/assistants';
import type { Message, MessageContent } from 'openai/resources/beta/threads/messages';
import type { AssistantResponseFormatOption, AssistantToolChoiceOption } from 'openai/resources/beta/threads/threads';
import { isObject, parseMetadata, stringArray } from './fields.ts';
import type { FileStore } from './files.ts';
import { invalidRequest } from './http.ts';
import type { VectorStores } from './vectorStores.ts';

type Json = Record<string, unknown>;

/** The other resources that assistants, threads and messages refer to by id. */
export interface Referenced {
  files: FileStore;
  stores: VectorStores;
}

export interface ToolResources {
  code_interpreter?: { file_ids: string[] };
  file_search?: { vector_store_ids: string[] };
}

/** A message as `POST /threads/{id}/messages` (or a thread's initial `messages`) gives it. */
export interface MessageInput {
  role: 'user' | 'assistant';
  content: MessageContent[];
  attachments: Message.Attachment[];
  metadata: Record<string, string>;
}

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * `tools` of an assistant or a run, echoed as the API does: function tools gain `strict: false`; file
 * search tools gain their `max_num_results` and ranking defaults.
 */
export function parseTools(value: unknown, max: number): AssistantTool[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > max)
    throw invalidRequest(`Invalid 'tools': expected an array of at most ${max} tools.`, 'tools', 'invalid_value');
  return value.map((tool, index): AssistantTool => {
    const param = `tools[${index}]`;
    const type = isObject(tool) ? tool.type : undefined;
    if (!isObject(tool) || (type !== 'function' && type !== 'file_search' && type !== 'code_interpreter')) {
      throw invalidRequest(
        `Invalid value: '${String(type)}'. Supported values are: 'code_interpreter', 'function', and 'file_search'.`,
        `${param}.type`,
        'invalid_value',
      );
    }
    if (type === 'code_interpreter') return { type };
    if (type === 'file_search') return { type, file_search: fileSearchSettings(tool.file_search, param) };
    const fn = tool.function;
    if (!isObject(fn) || typeof fn.name !== 'string' || !FUNCTION_NAME.test(fn.name)) {
      throw invalidRequest(`Invalid '${param}.function.name': expected a string matching ${FUNCTION_NAME.source}.`, `${param}.function.name`, 'invalid_value');
    }
    if (fn.parameters !== undefined && !isObject(fn.parameters))
      throw invalidRequest(`Invalid '${param}.function.parameters': expected an object.`, `${param}.function.parameters`, 'invalid_type');
    return {
      type,
      function: {
        name: fn.name,
        ...(typeof fn.description === 'string' ? { description: fn.description } : {}),
        parameters: fn.parameters ?? { type: 'object', properties: {} },
        strict: fn.strict === true,
      },
    };
  });
}

function fileSearchSettings(
  value: unknown,
  param: string,
): { max_num_results: number; ranking_options: { ranker: 'auto' | 'default_2024_08_21'; score_threshold: number } } {
  const settings = isObject(value) ? value : {};
  const max = settings.max_num_results ?? 20;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 50) {
    throw invalidRequest(
      `Invalid '${param}.file_search.max_num_results': must be an integer from 1 to 50.`,
      `${param}.file_search.max_num_results`,
      'invalid_value',
    );
  }
  const ranking = isObject(settings.ranking_options) ? settings.ranking_options : {};
  const threshold = ranking.score_threshold ?? 0;
  if (typeof threshold !== 'number' || threshold < 0 || threshold > 1) {
    throw invalidRequest(
      `Invalid '${param}.file_search.ranking_options.score_threshold': must be a number from 0 to 1.`,
      `${param}.file_search.ranking_options.score_threshold`,
      'invalid_value',
    );
  }
  return { max_num_results: max, ranking_options: { ranker: ranking.ranker === 'auto' ? 'auto' : 'default_2024_08_21', score_threshold: threshold } };
}

/** `tool_resources`: code interpreter files and (at most one) vector store, each of which must exist. */
export function parseToolResources(value: unknown, refs: Referenced): ToolResources {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalidRequest("Invalid 'tool_resources': expected an object.", 'tool_resources', 'invalid_type');
  const resources: ToolResources = {};
  if (isObject(value.code_interpreter)) {
    const fileIds = stringArray(value.code_interpreter.file_ids ?? [], 'tool_resources.code_interpreter.file_ids', 20);
    for (const id of fileIds) refs.files.get(id);
    resources.code_interpreter = { file_ids: fileIds };
  }
  if (isObject(value.file_search)) {
    if (value.file_search.vector_stores !== undefined) {
      throw invalidRequest(
        "The simulator does not create vector stores from 'tool_resources.file_search.vector_stores'; create one and pass 'vector_store_ids'.",
        'tool_resources.file_search.vector_stores',
      );
    }
    const storeIds = stringArray(value.file_search.vector_store_ids ?? [], 'tool_resources.file_search.vector_store_ids', 1);
    for (const id of storeIds) refs.stores.get(id);
    resources.file_search = { vector_store_ids: storeIds };
  }
  return resources;
}

export function parseResponseFormat(value: unknown): AssistantResponseFormatOption {
  if (value === undefined || value === null || value === 'auto') return 'auto';
  const type = isObject(value) ? value.type : undefined;
  if (type === 'text' || type === 'json_object') return { type };
  if (isObject(value) && type === 'json_schema' && isObject(value.json_schema) && typeof value.json_schema.name === 'string') {
    return { type, json_schema: value.json_schema as { name: string } };
  }
  throw invalidRequest(
    'Invalid \'response_format\': expected \'auto\', {"type": "text"}, {"type": "json_object"} or {"type": "json_schema", "json_schema": {...}}.',
    'response_format',
    'invalid_value',
  );
}

export function parseToolChoice(value: unknown): AssistantToolChoiceOption {
  if (value === undefined || value === null) return 'auto';
  if (value === 'none' || value === 'auto' || value === 'required') return value;
  const type = isObject(value) ? value.type : undefined;
  if (type === 'file_search' || type === 'code_interpreter') return { type };
  if (isObject(value) && type === 'function' && isObject(value.function) && typeof value.function.name === 'string')
    return { type, function: { name: value.function.name } };
  throw invalidRequest("Invalid 'tool_choice': expected 'none', 'auto', 'required' or a named tool.", 'tool_choice', 'invalid_value');
}

/** A number field within [min, max], or `undefined` when absent or null. */
export function optionalNumber(body: Json, key: string, min: number, max: number): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || value < min || value > max)
    throw invalidRequest(`Invalid '${key}': must be a number from ${min} to ${max}.`, key, 'invalid_value');
  return value;
}

/** A string field of at most `max` characters, `null` when absent (as the objects show it). */
export function nullableString(body: Json, key: string, max: number): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max)
    throw invalidRequest(`Invalid '${key}': expected a string of at most ${max} characters.`, key, 'invalid_value');
  return value;
}

/** A message to add to a thread: `role`, `content` (a string or text/image parts), `attachments`, `metadata`. */
export function parseMessageInput(value: unknown, refs: Referenced, param = ''): MessageInput {
  if (!isObject(value)) throw invalidRequest(`Invalid '${param || 'body'}': expected a message object.`, param || null, 'invalid_type');
  const at = (key: string): string => (param ? `${param}.${key}` : key);
  if (value.role !== 'user' && value.role !== 'assistant')
    throw invalidRequest(`Invalid value for '${at('role')}': expected 'user' or 'assistant'.`, at('role'), 'invalid_value');
  return {
    role: value.role,
    content: parseContent(value.content, refs, at('content')),
    attachments: parseAttachments(value.attachments, refs, at('attachments')),
    metadata: parseMetadata(value.metadata),
  };
}

function parseContent(value: unknown, refs: Referenced, param: string): MessageContent[] {
  if (typeof value === 'string') return [{ type: 'text', text: { value, annotations: [] } }];
  if (!Array.isArray(value) || value.length === 0) throw invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  return value.map((part, index): MessageContent => {
    const type = isObject(part) ? part.type : undefined;
    if (isObject(part) && type === 'text' && typeof part.text === 'string') return { type, text: { value: part.text, annotations: [] } };
    if (isObject(part) && type === 'image_file' && isObject(part.image_file) && typeof part.image_file.file_id === 'string') {
      refs.files.get(part.image_file.file_id);
      return { type, image_file: part.image_file as { file_id: string } };
    }
    if (isObject(part) && type === 'image_url' && isObject(part.image_url) && typeof part.image_url.url === 'string')
      return { type, image_url: part.image_url as { url: string } };
    throw invalidRequest(`Invalid '${param}[${index}]': expected a text, image_file or image_url part.`, `${param}[${index}]`, 'invalid_value');
  });
}

function parseAttachments(value: unknown, refs: Referenced, param: string): Message.Attachment[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidRequest(`Invalid '${param}': expected an array.`, param, 'invalid_type');
  return value.map((attachment, index): Message.Attachment => {
    const tools = isObject(attachment) ? attachment.tools : undefined;
    const valid = Array.isArray(tools) && tools.every((tool) => isObject(tool) && (tool.type === 'code_interpreter' || tool.type === 'file_search'));
    if (!isObject(attachment) || typeof attachment.file_id !== 'string' || !valid) {
      throw invalidRequest(
        `Invalid '${param}[${index}]': expected {file_id, tools: [{type: 'code_interpreter' | 'file_search'}]}.`,
        `${param}[${index}]`,
        'invalid_value',
      );
    }
    refs.files.get(attachment.file_id);
    return { file_id: attachment.file_id, tools: tools.map((tool) => ({ type: (tool as { type: 'code_interpreter' | 'file_search' }).type })) };
  });
}

/** The text parts of a message, joined: what the simulated model reads. */
export function messageText(content: MessageContent[]): string {
  return content.map((part) => (part.type === 'text' ? part.text.value : '')).join('');
}
