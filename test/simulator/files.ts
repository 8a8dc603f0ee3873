import { invalidRequest, newId, notFound, sendJson, unixSeconds, type RouteContext } from './http.ts';

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];
const MAX_LIST_LIMIT = 10_000;

interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  expires_at?: number;
  filename: string;
  purpose: string;
  status: 'processed';
}

interface StoredFile {
  meta: FileObject;
  content: Buffer;
  /** Upload order, to sort files created in the same second. */
  seq: number;
}

/** Uploaded files, kept in memory for the simulator's lifetime (or until reset). */
export class FileStore {
  #files = new Map<string, StoredFile>();
  #seq = 0;

  add(meta: FileObject, content: Buffer): void {
    this.#files.set(meta.id, { meta, content, seq: this.#seq++ });
  }

  get(id: string): StoredFile {
    const file = this.#files.get(id);
    if (!file) throw notFound(`No such File object: ${id}`, 'id');
    return file;
  }

  delete(id: string): void {
    this.#files.delete(id);
  }

  all(): StoredFile[] {
    return [...this.#files.values()];
  }

  clear(): void {
    this.#files.clear();
  }
}

/** `POST /v1/files`: a multipart form with `file` and `purpose` (and optionally `expires_after`). */
export async function uploadFile(ctx: RouteContext, store: FileStore): Promise<void> {
  const form = await parseMultipart(ctx);
  const file = form.get('file');
  const purpose = form.get('purpose');
  if (!(file instanceof File)) throw invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
  if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
    throw invalidRequest(`Invalid value for 'purpose': expected one of ${PURPOSES.join(', ')}.`, 'purpose', 'invalid_value');
  }
  const content = Buffer.from(await file.arrayBuffer());
  const createdAt = unixSeconds();
  const expiresIn = Number(form.get('expires_after[seconds]') ?? Number.NaN);
  const meta: FileObject = {
    id: newId('file-'),
    object: 'file',
    bytes: content.length,
    created_at: createdAt,
    ...(Number.isInteger(expiresIn) ? { expires_at: createdAt + expiresIn } : {}),
    filename: file.name,
    purpose,
    status: 'processed',
  };
  store.add(meta, content);
  sendJson(ctx.res, 200, meta);
}

/** `GET /v1/files`: filtered by `purpose`, ordered by creation (`order`, default desc), paged by `after`/`limit`. */
export function listFiles(ctx: RouteContext, store: FileStore): void {
  const query = ctx.url.searchParams;
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidRequest("Invalid value for 'order': expected 'asc' or 'desc'.", 'order', 'invalid_value');
  const limit = Number(query.get('limit') ?? MAX_LIST_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw invalidRequest(`Invalid value for 'limit': must be an integer from 1 to ${MAX_LIST_LIMIT}.`, 'limit', 'invalid_value');
  }
  const purpose = query.get('purpose');
  const sorted = store
    .all()
    .filter((file) => purpose === null || file.meta.purpose === purpose)
    .sort((a, b) => a.meta.created_at - b.meta.created_at || a.seq - b.seq);
  if (order === 'desc') sorted.reverse();
  const after = query.get('after');
  const start = after === null ? 0 : sorted.findIndex((file) => file.meta.id === after) + 1;
  if (start === 0 && after !== null) throw notFound(`No such File object: ${after}`, 'after');
  const page = sorted.slice(start, start + limit).map((file) => file.meta);
  // An empty page has no first or last id; the real API sends null here although the spec says string.
  sendJson(ctx.res, 200, {
    object: 'list',
    data: page,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: start + limit < sorted.length,
  });
}

export function retrieveFile(ctx: RouteContext, store: FileStore): void {
  sendJson(ctx.res, 200, store.get(ctx.params.id ?? '').meta);
}

export function fileContent(ctx: RouteContext, store: FileStore): void {
  const { content } = store.get(ctx.params.id ?? '');
  ctx.res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': content.length });
  ctx.res.end(content);
}

export function deleteFile(ctx: RouteContext, store: FileStore): void {
  const { meta } = store.get(ctx.params.id ?? '');
  store.delete(meta.id);
  sendJson(ctx.res, 200, { id: meta.id, object: 'file', deleted: true });
}

// The fetch API's Request already parses multipart bodies, so no form parser is needed.
export async function parseMultipart(ctx: RouteContext, expected = "'file' and 'purpose'"): Promise<FormData> {
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) {
    throw invalidRequest(`Expected a multipart/form-data body with ${expected}.`, null, 'invalid_content_type');
  }
  try {
    return await new Request(ctx.url, { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(ctx.body) }).formData();
  } catch {
    throw invalidRequest('Could not parse the multipart/form-data body.');
  }
}
