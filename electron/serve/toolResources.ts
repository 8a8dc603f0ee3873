import { AppFailure } from '../../shared/errors.ts';
import type { ToolResources } from '../../shared/runtime/objects.ts';
import type { Runtime } from '../engine/index.ts';
import { type ApiError, invalidRequest } from './http.ts';
import type { CreateMessageRequest, ToolResourcesRequest } from './requests.ts';
import type { ServeContext } from './types.ts';

/** Throws a 400 naming the parameter unless the runtime has the file. */
function requireFile(runtime: Runtime, fileId: string, param: string): void {
  try {
    runtime.files.get(fileId);
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'E_NOT_FOUND') throw invalidRequest(`No file found with id '${fileId}'.`, param, 'invalid_value');
    throw error;
  }
}

const noVectorStores = (param: string): ApiError =>
  invalidRequest('This server was started without vector stores, so files cannot be added to one; pass vector_store_ids of local index stores instead.', param);

/**
 * Checks the files and vector stores `tool_resources` names (every id must exist) without changing
 * anything, so a request can be refused before any of it is carried out.
 */
export function checkToolResources(ctx: ServeContext, resources: ToolResourcesRequest | null | undefined, param = 'tool_resources'): void {
  if (!resources) return;
  for (const [i, id] of (resources.code_interpreter?.file_ids ?? []).entries()) requireFile(ctx.runtime, id, `${param}.code_interpreter.file_ids[${i}]`);
  const search = resources.file_search;
  for (const [i, id] of (search?.vector_store_ids ?? []).entries()) {
    if (ctx.vectorStores && !ctx.vectorStores.has(id))
      throw invalidRequest(`No vector store found with id '${id}'.`, `${param}.file_search.vector_store_ids[${i}]`);
  }
  for (const [i, store] of (search?.vector_stores ?? []).entries()) {
    if (!ctx.vectorStores) throw noVectorStores(`${param}.file_search.vector_stores`);
    for (const [j, id] of (store.file_ids ?? []).entries()) requireFile(ctx.runtime, id, `${param}.file_search.vector_stores[${i}].file_ids[${j}]`);
  }
}

/**
 * As the hosted API did, a store made by a thread's helper (or for a message's attachments) expires 7
 * days after it was last used; an assistant's stays until deleted.
 */
const THREAD_STORE_DAYS = 7;

/** The resources to keep: a `vector_stores` helper becomes the id of the store made from its files. */
export function makeToolResources(ctx: ServeContext, resources: ToolResourcesRequest | null | undefined, owner: 'assistant' | 'thread'): ToolResources | null {
  if (!resources) return null;
  const out: ToolResources = {};
  if (resources.code_interpreter) out.code_interpreter = { file_ids: resources.code_interpreter.file_ids ?? [] };
  const search = resources.file_search;
  if (search) {
    const made = [];
    for (const store of search.vector_stores ?? []) {
      if (!ctx.vectorStores) throw noVectorStores('tool_resources.file_search.vector_stores');
      made.push(
        ctx.vectorStores.create({
          fileIds: store.file_ids ?? [],
          ...(store.chunking_strategy ? { chunking: store.chunking_strategy } : {}),
          ...(store.metadata ? { metadata: store.metadata } : {}),
          ...(owner === 'thread' ? { expiresAfterDays: THREAD_STORE_DAYS } : {}),
        }),
      );
    }
    out.file_search = { vector_store_ids: [...(search.vector_store_ids ?? []), ...made.map((s) => s.id)] };
  }
  return out;
}

/** Checks what a new message names: its image files and attachments must exist, attachments for File Search need vector stores. */
export function checkMessage(ctx: ServeContext, message: CreateMessageRequest, param = ''): void {
  const at = (key: string): string => (param ? `${param}.${key}` : key);
  for (const [i, part] of (typeof message.content === 'string' ? [] : message.content).entries()) {
    if (part.type === 'image_url') {
      throw invalidRequest('image_url parts are not supported by this server; upload the image as a file and send an image_file part.', at(`content[${i}]`));
    }
    if (part.type === 'image_file') requireFile(ctx.runtime, part.image_file.file_id, at(`content[${i}].image_file.file_id`));
  }
  for (const [i, attachment] of (message.attachments ?? []).entries()) {
    requireFile(ctx.runtime, attachment.file_id, at(`attachments[${i}].file_id`));
    if (!ctx.vectorStores && attachment.tools.some((t) => t.type === 'file_search')) throw noVectorStores(at(`attachments[${i}].tools`));
  }
}

/**
 * As Assistants did, files attached to a message for File Search go into the thread's vector store (made
 * on first need, or again when the client deleted it, and recorded in the thread's `tool_resources`).
 */
export function addSearchAttachments(ctx: ServeContext, threadId: string, messages: readonly CreateMessageRequest[]): void {
  const fileIds = messages.flatMap((m) => (m.attachments ?? []).filter((a) => a.tools.some((t) => t.type === 'file_search')).map((a) => a.file_id));
  if (fileIds.length === 0 || !ctx.vectorStores) return;
  const current = ctx.runtime.threads.get(threadId).tool_resources ?? {};
  const existing = current.file_search?.vector_store_ids?.[0];
  if (existing && ctx.vectorStores.has(existing)) {
    ctx.vectorStores.addFiles(existing, fileIds);
  } else {
    const made = ctx.vectorStores.create({ fileIds, expiresAfterDays: THREAD_STORE_DAYS });
    ctx.runtime.threads.update(threadId, { toolResources: { ...current, file_search: { vector_store_ids: [made.id] } } });
  }
}
