import type { Thread } from '../../shared/runtime/objects.ts';
import type { Route } from './http.ts';
import { getThread } from './lookups.ts';
import { messageInput } from './messages.ts';
import { createThreadSchema, modifyThreadSchema, type CreateThreadRequest } from './requests.ts';
import { threadOut } from './shapes.ts';
import { addSearchAttachments, checkMessage, checkToolResources, makeToolResources } from './toolResources.ts';
import type { ServeContext } from './types.ts';
import { parseRequest } from './validation.ts';

const TITLE_LENGTH = 60;

/** The title the app's thread list shows: the start of the first message, on one line. */
function titleOf(body: CreateThreadRequest): string | undefined {
  const first = body.messages?.[0];
  if (!first) return undefined;
  const text = typeof first.content === 'string' ? first.content : first.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/** Checks a thread request throughout (`param` prefixes the names in errors), changing nothing. */
export function checkThreadRequest(ctx: ServeContext, body: CreateThreadRequest, param = ''): void {
  const at = (key: string): string => (param ? `${param}.${key}` : key);
  checkToolResources(ctx, body.tool_resources, at('tool_resources'));
  for (const [i, message] of (body.messages ?? []).entries()) checkMessage(ctx, message, at(`messages[${i}]`));
}

/** Makes a thread with its first messages and tool resources (a checked request: see checkThreadRequest). */
export function createThread(ctx: ServeContext, body: CreateThreadRequest): Thread {
  const { runtime } = ctx;
  const toolResources = makeToolResources(ctx, body.tool_resources, 'thread');
  const title = titleOf(body);
  const thread = runtime.threads.create({ metadata: body.metadata ?? {}, toolResources, ...(title ? { title } : {}) });
  for (const message of body.messages ?? []) runtime.messages.create(thread.id, messageInput(message));
  addSearchAttachments(ctx, thread.id, body.messages ?? []);
  return runtime.threads.get(thread.id);
}

/** `/threads` (without runs and messages). */
export function threadRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  return [
    {
      method: 'POST',
      path: '/threads',
      async handle(req) {
        const body = parseRequest(createThreadSchema, await req.json());
        checkThreadRequest(ctx, body);
        return threadOut(createThread(ctx, body));
      },
    },
    { method: 'GET', path: '/threads/:thread_id', handle: (req) => threadOut(getThread(runtime, req.params.thread_id!)) },
    {
      method: 'POST',
      path: '/threads/:thread_id',
      async handle(req) {
        const id = req.params.thread_id!;
        getThread(runtime, id);
        const body = parseRequest(modifyThreadSchema, await req.json());
        checkToolResources(ctx, body.tool_resources);
        const toolResources = body.tool_resources === undefined ? undefined : makeToolResources(ctx, body.tool_resources, 'thread');
        return threadOut(
          runtime.threads.update(id, {
            ...(body.metadata !== undefined ? { metadata: body.metadata ?? {} } : {}),
            ...(toolResources !== undefined ? { toolResources } : {}),
          }),
        );
      },
    },
    {
      method: 'DELETE',
      path: '/threads/:thread_id',
      handle(req) {
        const id = req.params.thread_id!;
        getThread(runtime, id);
        runtime.threads.delete(id);
        return { id, object: 'thread.deleted', deleted: true };
      },
    },
  ];
}
