import { containerFileView, containerView, MEMORY_LIMITS, type Containers, type MemoryLimit } from './containers.ts';
import { isObject, optionalString, requiredString, stringArray } from './fields.ts';
import { parseMultipart } from './files.ts';
import { invalidRequest, param, parseJsonObject, sendJson, type Route, type RouteContext } from './http.ts';
import { listBody, pageOf } from './paging.ts';

const CONTAINER = '^/v1/containers/(?<container>[^/]+)';
const FILE = `${CONTAINER}/files/(?<file>[^/]+)`;

/** `/v1/containers` and their files. */
export function containerRoutes(containers: Containers): Route[] {
  return [
    { method: 'POST', path: /^\/v1\/containers$/, handle: (ctx) => createContainer(ctx, containers) },
    { method: 'GET', path: /^\/v1\/containers$/, handle: (ctx) => listContainers(ctx, containers) },
    { method: 'GET', path: new RegExp(`${CONTAINER}$`), handle: (ctx) => sendJson(ctx.res, 200, containerView(containers.get(param(ctx, 'container')))) },
    { method: 'DELETE', path: new RegExp(`${CONTAINER}$`), handle: (ctx) => deleteContainer(ctx, containers) },
    { method: 'POST', path: new RegExp(`${CONTAINER}/files$`), handle: (ctx) => createFile(ctx, containers) },
    { method: 'GET', path: new RegExp(`${CONTAINER}/files$`), handle: (ctx) => listFiles(ctx, containers) },
    { method: 'GET', path: new RegExp(`${FILE}$`), handle: (ctx) => sendJson(ctx.res, 200, containerFileView(fileOf(ctx, containers))) },
    { method: 'DELETE', path: new RegExp(`${FILE}$`), handle: (ctx) => deleteFile(ctx, containers) },
    { method: 'GET', path: new RegExp(`${FILE}/content$`), handle: (ctx) => fileContent(ctx, containers) },
  ];
}

function fileOf(ctx: RouteContext, containers: Containers) {
  return containers.file(containers.get(param(ctx, 'container')), param(ctx, 'file'));
}

function createContainer(ctx: RouteContext, containers: Containers): void {
  const body = parseJsonObject(ctx.body);
  const name = requiredString(body, 'name');
  const memoryLimit = optionalString(body, 'memory_limit');
  if (memoryLimit !== undefined && !MEMORY_LIMITS.includes(memoryLimit)) {
    throw invalidRequest(`Invalid 'memory_limit': expected one of ${MEMORY_LIMITS.join(', ')}.`, 'memory_limit', 'invalid_value');
  }
  const container = containers.create({
    name,
    expiresAfterMinutes: expiryMinutes(body.expires_after),
    memoryLimit: memoryLimit as MemoryLimit | undefined,
    fileIds: body.file_ids === undefined ? [] : stringArray(body.file_ids, 'file_ids', 100),
  });
  sendJson(ctx.res, 200, containerView(container));
}

function expiryMinutes(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const minutes = isObject(value) ? value.minutes : undefined;
  if (!isObject(value) || value.anchor !== 'last_active_at' || typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) {
    throw invalidRequest('Invalid \'expires_after\': expected {"anchor": "last_active_at", "minutes": <positive integer>}.', 'expires_after', 'invalid_value');
  }
  return minutes;
}

/** `GET /v1/containers`: optionally only those with the given `name`. */
function listContainers(ctx: RouteContext, containers: Containers): void {
  const name = ctx.url.searchParams.get('name');
  const all = [...containers.containers.values()].filter((container) => name === null || container.name === name);
  const { page, hasMore } = pageOf(all, ctx.url.searchParams, { defaultLimit: 20, maxLimit: 100, missing: (id) => `Container with id '${id}' not found.` });
  sendJson(ctx.res, 200, listBody(page.map(containerView) as { id: string }[], hasMore));
}

function deleteContainer(ctx: RouteContext, containers: Containers): void {
  const container = containers.get(param(ctx, 'container'));
  containers.containers.delete(container.id);
  sendJson(ctx.res, 200, { id: container.id, object: 'container.deleted', deleted: true });
}

/** A multipart upload (`file`) or a JSON body naming an uploaded File (`file_id`). */
async function createFile(ctx: RouteContext, containers: Containers): Promise<void> {
  const container = containers.get(param(ctx, 'container'));
  if ((ctx.req.headers['content-type'] ?? '').startsWith('application/json')) {
    const copied = containers.copyFile(container, requiredString(parseJsonObject(ctx.body), 'file_id'));
    sendJson(ctx.res, 200, containerFileView(copied));
    return;
  }
  const file = (await parseMultipart(ctx, "'file' (or a JSON body with 'file_id')")).get('file');
  if (!(file instanceof File)) throw invalidRequest("Missing required parameter: 'file' or 'file_id'.", 'file', 'missing_required_parameter');
  const uploaded = containers.addFile(container, file.name, Buffer.from(await file.arrayBuffer()), 'user');
  sendJson(ctx.res, 200, containerFileView(uploaded));
}

function listFiles(ctx: RouteContext, containers: Containers): void {
  const container = containers.get(param(ctx, 'container'));
  const { page, hasMore } = pageOf([...container.files.values()], ctx.url.searchParams, {
    defaultLimit: 20,
    maxLimit: 100,
    missing: (id) => `Container file with id '${id}' not found.`,
  });
  sendJson(ctx.res, 200, listBody(page.map(containerFileView) as { id: string }[], hasMore));
}

function deleteFile(ctx: RouteContext, containers: Containers): void {
  const file = fileOf(ctx, containers);
  containers.get(file.containerId).files.delete(file.id);
  sendJson(ctx.res, 200, { id: file.id, object: 'container.file.deleted', deleted: true });
}

function fileContent(ctx: RouteContext, containers: Containers): void {
  const { content } = fileOf(ctx, containers);
  ctx.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length });
  ctx.res.end(content);
}
