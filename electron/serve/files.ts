import type { FileObject } from '../../shared/runtime/objects.ts';
import { ApiError, found, invalidRequest, RESPONDED, type RequestContext, type Route } from './http.ts';
import { page } from './paging.ts';
import { fileOut } from './shapes.ts';
import type { ServeContext } from './types.ts';

const PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];
/** Room for the multipart framing and the other fields around the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

const fileTooLarge = (limit: number): ApiError =>
  new ApiError(413, {
    message: `The file is larger than this server accepts (${limit} bytes).`,
    type: 'invalid_request_error',
    param: 'file',
    code: 'file_too_large',
  });

/** The multipart form of an upload; the fetch API's Request parses it, so no form parser is needed. */
async function formOf(req: RequestContext, limit: number): Promise<FormData> {
  const type = req.req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type))
    throw invalidRequest("Expected a multipart/form-data body with 'file' and 'purpose'.", null, 'invalid_content_type');
  const body = await req.bytes(limit + FORM_OVERHEAD_BYTES).catch((error: unknown) => {
    throw error instanceof ApiError && error.status === 413 ? fileTooLarge(limit) : error;
  });
  try {
    return await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(body) }).formData();
  } catch {
    throw invalidRequest('Could not parse the multipart/form-data body.', null, 'invalid_multipart');
  }
}

/** `/files`: uploads kept as runtime files (what assistants, threads and messages name by id). */
export function fileRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  const get = (id: string): FileObject => found(() => runtime.files.get(id), 'file', id);
  return [
    {
      method: 'POST',
      path: '/files',
      async handle(req) {
        const form = await formOf(req, ctx.maxUploadBytes);
        const file = form.get('file');
        const purpose = form.get('purpose');
        if (!(file instanceof File)) throw invalidRequest("Missing required parameter: 'file'.", 'file', 'missing_required_parameter');
        if (purpose === null) throw invalidRequest("Missing required parameter: 'purpose'.", 'purpose', 'missing_required_parameter');
        if (typeof purpose !== 'string' || !PURPOSES.includes(purpose)) {
          throw invalidRequest(`Invalid value for 'purpose': expected one of ${PURPOSES.map((p) => `'${p}'`).join(', ')}.`, 'purpose', 'invalid_value');
        }
        if (file.size > ctx.maxUploadBytes) throw fileTooLarge(ctx.maxUploadBytes);
        const stored = await runtime.files.create({ filename: file.name || 'upload', bytes: new Uint8Array(await file.arrayBuffer()), purpose });
        return fileOut(stored);
      },
    },
    {
      method: 'GET',
      path: '/files',
      handle(req) {
        const purpose = req.url.searchParams.get('purpose');
        const files = runtime.files.list(purpose === null ? {} : { purpose }).map(fileOut);
        return page(files, req.url.searchParams, { noun: 'file', defaultLimit: 10_000, maxLimit: 10_000 });
      },
    },
    { method: 'GET', path: '/files/:file_id', handle: (req) => fileOut(get(req.params.file_id!)) },
    {
      method: 'DELETE',
      path: '/files/:file_id',
      async handle(req) {
        const id = get(req.params.file_id!).id;
        await runtime.files.delete(id);
        return { id, object: 'file', deleted: true };
      },
    },
    {
      method: 'GET',
      path: '/files/:file_id/content',
      async handle(req) {
        const id = get(req.params.file_id!).id;
        const content = await runtime.files.content(id);
        req.res.writeHead(200, { 'Content-Type': content.mime, 'Content-Length': String(content.bytes.byteLength), 'Cache-Control': 'no-store' });
        req.res.end(content.bytes);
        return RESPONDED;
      },
    },
  ];
}
