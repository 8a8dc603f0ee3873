import type { Message } from '../../shared/runtime/objects.ts';
import type { MessageInput } from '../engine/index.ts';
import { found, type Route } from './http.ts';
import { getThread, refuseWhileActive } from './lookups.ts';
import { page } from './paging.ts';
import { createMessageSchema, modifyMetadataSchema, type CreateMessageRequest } from './requests.ts';
import { messageOut } from './shapes.ts';
import { addSearchAttachments, checkMessage } from './toolResources.ts';
import type { ServeContext } from './types.ts';
import { parseRequest } from './validation.ts';

/** A message as the runtime stores it, from a create request (a string or content parts). */
export function messageInput(message: CreateMessageRequest): MessageInput {
  const content: Message['content'] =
    typeof message.content === 'string'
      ? [{ type: 'text', text: { value: message.content, annotations: [] } }]
      : message.content.flatMap((part): Message['content'] => {
          if (part.type === 'text') return [{ type: 'text', text: { value: part.text, annotations: [] } }];
          if (part.type === 'image_file') return [{ type: 'image_file', image_file: part.image_file }];
          return [];
        });
  return {
    role: message.role,
    content,
    attachments: (message.attachments ?? []).map((a) => ({ file_id: a.file_id, tools: a.tools.map((t) => ({ type: t.type })) })),
    metadata: message.metadata ?? {},
  };
}

/** `/threads/{thread_id}/messages`. */
export function messageRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  const get = (threadId: string, id: string): Message => {
    getThread(runtime, threadId);
    return found(() => runtime.messages.get(threadId, id), 'message', id);
  };
  return [
    {
      method: 'POST',
      path: '/threads/:thread_id/messages',
      async handle(req) {
        const threadId = req.params.thread_id!;
        getThread(runtime, threadId);
        const body = parseRequest(createMessageSchema, await req.json());
        checkMessage(ctx, body);
        refuseWhileActive(runtime, threadId, 'add messages to');
        addSearchAttachments(ctx, threadId, [body]);
        return messageOut(runtime.messages.create(threadId, messageInput(body)));
      },
    },
    {
      method: 'GET',
      path: '/threads/:thread_id/messages',
      handle(req) {
        const threadId = req.params.thread_id!;
        getThread(runtime, threadId);
        const runId = req.url.searchParams.get('run_id');
        const messages = runtime.messages.list(threadId).filter((m) => runId === null || m.run_id === runId);
        return page(messages.map(messageOut), req.url.searchParams, { noun: 'message' });
      },
    },
    { method: 'GET', path: '/threads/:thread_id/messages/:message_id', handle: (req) => messageOut(get(req.params.thread_id!, req.params.message_id!)) },
    {
      method: 'POST',
      path: '/threads/:thread_id/messages/:message_id',
      async handle(req) {
        const threadId = req.params.thread_id!;
        const id = req.params.message_id!;
        const current = get(threadId, id);
        const body = parseRequest(modifyMetadataSchema, await req.json());
        if (body.metadata === undefined) return messageOut(current);
        return messageOut(runtime.messages.update(threadId, id, { metadata: body.metadata ?? {} }));
      },
    },
    {
      method: 'DELETE',
      path: '/threads/:thread_id/messages/:message_id',
      handle(req) {
        const threadId = req.params.thread_id!;
        const id = req.params.message_id!;
        get(threadId, id);
        runtime.messages.delete(threadId, id);
        return { id, object: 'thread.message.deleted', deleted: true };
      },
    },
  ];
}
