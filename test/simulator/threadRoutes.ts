import type { Message } from 'openai/resources/beta/threads/messages';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { sendList, sendObject } from './assistantsEvents.ts';
import { parseMessageInput, parseToolResources, type Referenced } from './assistantsFields.ts';
import { parseMetadata } from './fields.ts';
import { invalidRequest, param, parseJsonObject, type Route, type RouteContext } from './http.ts';
import { newClientMessage, newThread } from './threadObjects.ts';
import type { AssistantsEnv } from './threadRuns.ts';

export const THREAD = '^/v1/threads/(?<thread>[^/]+)';

/** `/v1/threads` and its messages. */
export function threadRoutes(env: AssistantsEnv): Route[] {
  const { state } = env;
  const inThread = (ctx: RouteContext) => (message: Message) => message.thread_id === param(ctx, 'thread');
  return [
    {
      method: 'POST',
      path: /^\/v1\/threads$/,
      handle: (ctx) => {
        const { thread, messages } = parseNewThread(parseJsonObject(ctx.body), env.refs);
        storeThread(env, thread, messages);
        sendObject(ctx.res, 'ThreadObject', thread);
      },
    },
    { method: 'GET', path: new RegExp(`${THREAD}$`), handle: (ctx) => sendObject(ctx.res, 'ThreadObject', state.threads.get(param(ctx, 'thread'))) },
    { method: 'POST', path: new RegExp(`${THREAD}$`), handle: (ctx) => updateThread(ctx, env) },
    {
      method: 'DELETE',
      path: new RegExp(`${THREAD}$`),
      handle: (ctx) => {
        const { id } = state.threads.get(param(ctx, 'thread'));
        state.deleteThread(id);
        sendObject(ctx.res, 'DeleteThreadResponse', { id, object: 'thread.deleted', deleted: true });
      },
    },
    { method: 'POST', path: new RegExp(`${THREAD}/messages$`), handle: (ctx) => createMessage(ctx, env) },
    {
      method: 'GET',
      path: new RegExp(`${THREAD}/messages$`),
      handle: (ctx) => {
        const thread = state.threads.get(param(ctx, 'thread'));
        const runId = ctx.url.searchParams.get('run_id');
        const { page, hasMore } = state.messages.page(
          ctx.url.searchParams,
          (message) => message.thread_id === thread.id && (runId === null || message.run_id === runId),
        );
        sendList(ctx.res, 'ListMessagesResponse', page, hasMore);
      },
    },
    {
      method: 'GET',
      path: new RegExp(`${THREAD}/messages/(?<message>[^/]+)$`),
      handle: (ctx) => sendObject(ctx.res, 'MessageObject', state.messages.get(param(ctx, 'message'), inThread(ctx))),
    },
  ];
}

/** A thread from a create-thread body (also the `thread` of create-thread-and-run), with its initial messages; nothing is stored yet. */
export function parseNewThread(body: Record<string, unknown>, refs: Referenced): { thread: Thread; messages: Message[] } {
  const inputs = body.messages ?? [];
  if (!Array.isArray(inputs) || inputs.length > 32)
    throw invalidRequest("Invalid 'messages': expected an array of at most 32 messages.", 'messages', 'invalid_value');
  const parsed = inputs.map((input, index) => parseMessageInput(input, refs, `messages[${index}]`));
  const thread = newThread(parseToolResources(body.tool_resources, refs), parseMetadata(body.metadata));
  return { thread, messages: parsed.map((input) => newClientMessage(thread.id, input)) };
}

export function storeThread(env: AssistantsEnv, thread: Thread, messages: Message[]): void {
  env.state.threads.add(thread);
  for (const message of messages) env.state.messages.add(message);
}

function updateThread(ctx: RouteContext, env: AssistantsEnv): void {
  const thread = env.state.threads.get(param(ctx, 'thread'));
  const body = parseJsonObject(ctx.body);
  const toolResources = 'tool_resources' in body ? parseToolResources(body.tool_resources, env.refs) : thread.tool_resources;
  if ('metadata' in body) thread.metadata = parseMetadata(body.metadata);
  thread.tool_resources = toolResources;
  sendObject(ctx.res, 'ThreadObject', thread);
}

function createMessage(ctx: RouteContext, env: AssistantsEnv): void {
  const thread = env.state.threads.get(param(ctx, 'thread'));
  const body = parseJsonObject(ctx.body);
  const active = env.state.activeRun(thread.id);
  if (active) throw invalidRequest(`Can't add messages to ${thread.id} while a run ${active.id} is active.`);
  const message = env.state.messages.add(newClientMessage(thread.id, parseMessageInput(body, env.refs)));
  sendObject(ctx.res, 'MessageObject', message);
}
