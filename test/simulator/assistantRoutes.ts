import type { Assistant } from 'openai/resources/beta/assistants';
import { sendList, sendObject } from './assistantsEvents.ts';
import { nullableString, optionalNumber, parseResponseFormat, parseToolResources, parseTools } from './assistantsFields.ts';
import { parseMetadata, requiredString } from './fields.ts';
import { newId, param, parseJsonObject, unixSeconds, type Route, type RouteContext } from './http.ts';
import type { AssistantsEnv } from './threadRuns.ts';

const ASSISTANT = '^/v1/assistants/(?<assistant>[^/]+)$';

/** `/v1/assistants`: create, list, retrieve, update and delete. */
export function assistantRoutes(env: AssistantsEnv): Route[] {
  const { assistants } = env.state;
  return [
    { method: 'POST', path: /^\/v1\/assistants$/, handle: (ctx) => createAssistant(ctx, env) },
    { method: 'GET', path: /^\/v1\/assistants$/, handle: (ctx) => sendPage(ctx, env) },
    { method: 'GET', path: new RegExp(ASSISTANT), handle: (ctx) => sendObject(ctx.res, 'AssistantObject', assistants.get(param(ctx, 'assistant'))) },
    { method: 'POST', path: new RegExp(ASSISTANT), handle: (ctx) => updateAssistant(ctx, env) },
    {
      method: 'DELETE',
      path: new RegExp(ASSISTANT),
      handle: (ctx) => {
        const { id } = assistants.get(param(ctx, 'assistant'));
        assistants.delete(id);
        sendObject(ctx.res, 'DeleteAssistantResponse', { id, object: 'assistant.deleted', deleted: true });
      },
    },
  ];
}

function createAssistant(ctx: RouteContext, env: AssistantsEnv): void {
  const body = parseJsonObject(ctx.body);
  const assistant: Assistant = {
    id: newId('asst_'),
    object: 'assistant',
    created_at: unixSeconds(),
    name: null,
    description: null,
    model: requiredString(body, 'model'),
    instructions: null,
    tools: [],
    tool_resources: {},
    metadata: {},
    temperature: 1,
    top_p: 1,
    response_format: 'auto',
  };
  applyFields(assistant, body, env);
  sendObject(ctx.res, 'AssistantObject', env.state.assistants.add(assistant));
}

function updateAssistant(ctx: RouteContext, env: AssistantsEnv): void {
  const assistant = env.state.assistants.get(param(ctx, 'assistant'));
  const body = parseJsonObject(ctx.body);
  // Checked on a copy, so a request with one bad field changes nothing.
  const updated = structuredClone(assistant);
  if ('model' in body) updated.model = requiredString(body, 'model');
  applyFields(updated, body, env);
  Object.assign(assistant, updated);
  sendObject(ctx.res, 'AssistantObject', assistant);
}

// The fields create and update share; each is changed only when the body names it.
function applyFields(assistant: Assistant, body: Record<string, unknown>, env: AssistantsEnv): void {
  if ('name' in body) assistant.name = nullableString(body, 'name', 256);
  if ('description' in body) assistant.description = nullableString(body, 'description', 512);
  if ('instructions' in body) assistant.instructions = nullableString(body, 'instructions', 256_000);
  if ('tools' in body) assistant.tools = parseTools(body.tools, 128);
  if ('tool_resources' in body) assistant.tool_resources = parseToolResources(body.tool_resources, env.refs);
  if ('metadata' in body) assistant.metadata = parseMetadata(body.metadata);
  if ('temperature' in body) assistant.temperature = optionalNumber(body, 'temperature', 0, 2) ?? 1;
  if ('top_p' in body) assistant.top_p = optionalNumber(body, 'top_p', 0, 1) ?? 1;
  if ('response_format' in body) assistant.response_format = parseResponseFormat(body.response_format);
}

function sendPage(ctx: RouteContext, env: AssistantsEnv): void {
  const { page, hasMore } = env.state.assistants.page(ctx.url.searchParams, () => true);
  sendList(ctx.res, 'ListAssistantsResponse', page, hasMore);
}
