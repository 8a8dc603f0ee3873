import type { AssistantObject } from '../../shared/runtime/objects.ts';
import { normaliseTools } from './compile.ts';
import type { Route } from './http.ts';
import { getAssistant } from './lookups.ts';
import { page } from './paging.ts';
import { createAssistantSchema, modifyAssistantSchema, type ModifyAssistantRequest } from './requests.ts';
import { assistantOut } from './shapes.ts';
import { checkToolResources, makeToolResources } from './toolResources.ts';
import type { ServeContext } from './types.ts';
import { parseRequest } from './validation.ts';

type Patch = Partial<Omit<AssistantObject, 'id' | 'object' | 'created_at'>>;

/** The fields a modify request gives (null clears a nullable one), in the stored shape. */
function patchOf(ctx: ServeContext, body: ModifyAssistantRequest): Patch {
  const patch: Patch = {};
  if (body.model !== undefined) patch.model = body.model;
  if (body.name !== undefined) patch.name = body.name;
  if (body.description !== undefined) patch.description = body.description;
  if (body.instructions !== undefined) patch.instructions = body.instructions;
  if (body.tools !== undefined) patch.tools = normaliseTools(body.tools);
  if (body.metadata !== undefined) patch.metadata = body.metadata ?? {};
  if (body.temperature !== undefined) patch.temperature = body.temperature;
  if (body.top_p !== undefined) patch.top_p = body.top_p;
  if (body.response_format !== undefined) patch.response_format = body.response_format ?? 'auto';
  if (body.tool_resources !== undefined) patch.tool_resources = makeToolResources(ctx, body.tool_resources);
  return patch;
}

/** `/assistants`: assistants kept by the runtime beside the canvas's. */
export function assistantRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  const get = (id: string): AssistantObject => getAssistant(runtime, id);
  return [
    {
      method: 'POST',
      path: '/assistants',
      async handle(req) {
        const body = parseRequest(createAssistantSchema, await req.json());
        checkToolResources(ctx, body.tool_resources);
        const created = runtime.assistants.create({
          name: body.name ?? null,
          description: body.description ?? null,
          model: body.model,
          instructions: body.instructions ?? null,
          tools: normaliseTools(body.tools ?? []),
          tool_resources: makeToolResources(ctx, body.tool_resources),
          metadata: body.metadata ?? {},
          temperature: body.temperature ?? null,
          top_p: body.top_p ?? null,
          response_format: body.response_format ?? 'auto',
        });
        return assistantOut(created);
      },
    },
    { method: 'GET', path: '/assistants', handle: (req) => page(runtime.assistants.list().map(assistantOut), req.url.searchParams, { noun: 'assistant' }) },
    { method: 'GET', path: '/assistants/:assistant_id', handle: (req) => assistantOut(get(req.params.assistant_id!)) },
    {
      method: 'POST',
      path: '/assistants/:assistant_id',
      async handle(req) {
        const id = req.params.assistant_id!;
        get(id);
        const body = parseRequest(modifyAssistantSchema, await req.json());
        checkToolResources(ctx, body.tool_resources);
        return assistantOut(runtime.assistants.update(id, patchOf(ctx, body)));
      },
    },
    {
      method: 'DELETE',
      path: '/assistants/:assistant_id',
      handle(req) {
        const id = req.params.assistant_id!;
        get(id);
        runtime.assistants.delete(id);
        return { id, object: 'assistant.deleted', deleted: true };
      },
    },
  ];
}
