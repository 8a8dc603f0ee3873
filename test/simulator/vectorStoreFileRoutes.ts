import { parseChunking } from './chunking.ts';
import { isObject, parseAttributes, requiredString, stringArray } from './fields.ts';
import { invalidRequest, param, parseJsonObject, sendJson, type Route, type RouteContext } from './http.ts';
import { listBody, pageOf } from './paging.ts';
import { batchStatus, batchView, fileStatus, fileView, pollHeaders, type AttachedFile, type VectorStores } from './vectorStores.ts';

const STATUSES = ['in_progress', 'completed', 'failed', 'cancelled'];

/** Vector store files and file batches, under `storePath` (a pattern with a `store` group). */
export function vectorStoreFileRoutes(stores: VectorStores, storePath: string): Route[] {
  const file = `${storePath}/files/(?<file>[^/]+)`;
  const batch = `${storePath}/file_batches/(?<batch>[^/]+)`;
  return [
    { method: 'POST', path: new RegExp(`${storePath}/files$`), handle: (ctx) => attachFile(ctx, stores) },
    { method: 'GET', path: new RegExp(`${storePath}/files$`), handle: (ctx) => listFiles(ctx, [...stores.get(param(ctx, 'store')).files.values()]) },
    { method: 'GET', path: new RegExp(`${file}$`), handle: (ctx) => sendJson(ctx.res, 200, fileView(attached(ctx, stores)), pollHeaders(stores)) },
    { method: 'POST', path: new RegExp(`${file}$`), handle: (ctx) => updateAttributes(ctx, stores) },
    { method: 'DELETE', path: new RegExp(`${file}$`), handle: (ctx) => detachFile(ctx, stores) },
    { method: 'GET', path: new RegExp(`${file}/content$`), handle: (ctx) => fileContent(ctx, stores) },
    { method: 'POST', path: new RegExp(`${storePath}/file_batches$`), handle: (ctx) => createBatch(ctx, stores) },
    { method: 'GET', path: new RegExp(`${batch}$`), handle: (ctx) => sendBatch(ctx, stores) },
    { method: 'POST', path: new RegExp(`${batch}/cancel$`), handle: (ctx) => cancelBatch(ctx, stores) },
    { method: 'GET', path: new RegExp(`${batch}/files$`), handle: (ctx) => listFiles(ctx, stores.batchFiles(batchOf(ctx, stores))) },
  ];
}

function attached(ctx: RouteContext, stores: VectorStores): AttachedFile {
  return stores.file(stores.get(param(ctx, 'store')), param(ctx, 'file'));
}

function batchOf(ctx: RouteContext, stores: VectorStores) {
  return stores.batch(stores.get(param(ctx, 'store')), param(ctx, 'batch'));
}

function attachFile(ctx: RouteContext, stores: VectorStores): void {
  const store = stores.get(param(ctx, 'store'));
  const body = parseJsonObject(ctx.body);
  const file = stores.attach(store, requiredString(body, 'file_id'), parseChunking(body.chunking_strategy), parseAttributes(body.attributes));
  sendJson(ctx.res, 200, fileView(file), pollHeaders(stores));
}

/** Lists a store's (or a batch's) files, optionally only those with the `filter` status. */
function listFiles(ctx: RouteContext, files: AttachedFile[]): void {
  const query = ctx.url.searchParams;
  const filter = query.get('filter');
  if (filter !== null && !STATUSES.includes(filter))
    throw invalidRequest(`Invalid value for 'filter': expected one of ${STATUSES.join(', ')}.`, 'filter', 'invalid_value');
  const { page, hasMore } = pageOf(
    files.filter((file) => filter === null || fileStatus(file) === filter),
    query,
    { defaultLimit: 20, maxLimit: 100, missing: (id) => `No file found with id '${id}'.` },
  );
  sendJson(ctx.res, 200, listBody(page.map(fileView) as { id: string }[], hasMore));
}

function updateAttributes(ctx: RouteContext, stores: VectorStores): void {
  const file = attached(ctx, stores);
  const body = parseJsonObject(ctx.body);
  if (!('attributes' in body)) throw invalidRequest("Missing required parameter: 'attributes'.", 'attributes', 'missing_required_parameter');
  file.attributes = parseAttributes(body.attributes);
  sendJson(ctx.res, 200, fileView(file));
}

// Detaching leaves the File itself in place, as the API does.
function detachFile(ctx: RouteContext, stores: VectorStores): void {
  const file = attached(ctx, stores);
  stores.get(file.vectorStoreId).files.delete(file.id);
  sendJson(ctx.res, 200, { id: file.id, object: 'vector_store.file.deleted', deleted: true });
}

function fileContent(ctx: RouteContext, stores: VectorStores): void {
  const file = attached(ctx, stores);
  const text = fileStatus(file) === 'completed' && 'text' in file.outcome ? file.outcome.text : '';
  sendJson(ctx.res, 200, { object: 'vector_store.file_content.page', data: text === '' ? [] : [{ type: 'text', text }], has_more: false, next_page: null });
}

/** `file_ids` (with the batch-wide `chunking_strategy` and `attributes`) or `files` (each with its own). */
function createBatch(ctx: RouteContext, stores: VectorStores): void {
  const store = stores.get(param(ctx, 'store'));
  const body = parseJsonObject(ctx.body);
  if ((body.file_ids === undefined) === (body.files === undefined)) {
    throw invalidRequest("Exactly one of 'file_ids' or 'files' must be provided.", 'file_ids', 'invalid_value');
  }
  const entries =
    body.file_ids !== undefined
      ? stringArray(body.file_ids, 'file_ids', 2000).map((fileId) => ({
          fileId,
          chunking: parseChunking(body.chunking_strategy),
          attributes: parseAttributes(body.attributes),
        }))
      : batchEntries(body.files);
  if (entries.length === 0) throw invalidRequest('A file batch needs at least one file.', 'file_ids', 'invalid_value');
  const batch = stores.newBatch(store);
  try {
    for (const entry of entries) stores.attach(store, entry.fileId, entry.chunking, entry.attributes, batch.id);
  } catch (error) {
    for (const file of stores.batchFiles(batch)) store.files.delete(file.id);
    stores.batches.delete(batch.id);
    throw error;
  }
  sendJson(ctx.res, 200, batchView(batch, stores.batchFiles(batch)), pollHeaders(stores));
}

function batchEntries(files: unknown) {
  if (!Array.isArray(files) || files.length > 2000)
    throw invalidRequest("Invalid 'files': expected an array of at most 2000 objects.", 'files', 'invalid_value');
  return files.map((entry, index) => {
    if (!isObject(entry)) throw invalidRequest(`Invalid 'files[${index}]': expected an object with 'file_id'.`, `files[${index}]`, 'invalid_value');
    return {
      fileId: requiredString(entry, 'file_id'),
      chunking: parseChunking(entry.chunking_strategy),
      attributes: parseAttributes(entry.attributes, `files[${index}].attributes`),
    };
  });
}

function sendBatch(ctx: RouteContext, stores: VectorStores): void {
  const batch = batchOf(ctx, stores);
  sendJson(ctx.res, 200, batchView(batch, stores.batchFiles(batch)), pollHeaders(stores));
}

// Files still being indexed are cancelled; finished ones keep their status.
function cancelBatch(ctx: RouteContext, stores: VectorStores): void {
  const batch = batchOf(ctx, stores);
  const files = stores.batchFiles(batch);
  if (batchStatus(batch, files) !== 'in_progress')
    throw invalidRequest(`Cannot cancel file batch '${batch.id}': it is no longer in progress.`, 'batch_id', 'invalid_value');
  for (const file of files) if (fileStatus(file) === 'in_progress') file.cancelled = true;
  batch.cancelled = true;
  sendJson(ctx.res, 200, batchView(batch, files), pollHeaders(stores));
}
