import type { AssistantObject } from '../../shared/runtime/objects.ts';
import { canvasAssistants, designedInStudio, findAssistant } from './canvas.ts';
import { normaliseTools } from './compile.ts';
import type { Route } from './http.ts';
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
  if (body.tool_resources !== undefined) patch.tool_resources = makeToolResources(ctx, body.tool_resources, 'assistant');
  return patch;
}

/** An assistant made through the API, which may be changed; a canvas one (or none) is refused. */
async function changeable(ctx: ServeContext, id: string, what: string): Promise<AssistantObject> {
  const served = await findAssistant(ctx, id);
  if (served.kind === 'canvas') throw designedInStudio(id, what);
  return served.assistant;
}

/** Every assistant, oldest first: the runtime's, and the canvas's whose id no API assistant has. */
async function listed(ctx: ServeContext): Promise<AssistantObject[]> {
  const own = ctx.runtime.assistants.list();
  const ids = new Set(own.map((a) => a.id));
  const canvas = (await canvasAssistants(ctx)).map((a) => a.object).filter((a) => !ids.has(a.id));
  // Canvas assistants date from the server's start; a stable sort keeps each group's order among equal times.
  return [...canvas, ...own].sort((a, b) => a.created_at - b.created_at);
}

/** `/assistants`: assistants kept by the runtime, and the canvas's (read and run only). */
export function assistantRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
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
          tool_resources: makeToolResources(ctx, body.tool_resources, 'assistant'),
          metadata: body.metadata ?? {},
          temperature: body.temperature ?? null,
          top_p: body.top_p ?? null,
          response_format: body.response_format ?? 'auto',
        });
        return assistantOut(created);
      },
    },
    { method: 'GET', path: '/assistants', handle: async (req) => page((await listed(ctx)).map(assistantOut), req.url.searchParams, { noun: 'assistant' }) },
    {
      method: 'GET',
      path: '/assistants/:assistant_id',
      async handle(req) {
        const served = await findAssistant(ctx, req.params.assistant_id!);
        return assistantOut(served.kind === 'api' ? served.assistant : served.canvas.object);
      },
    },
    {
      method: 'POST',
      path: '/assistants/:assistant_id',
      async handle(req) {
        const id = req.params.assistant_id!;
        await changeable(ctx, id, 'modified');
        const body = parseRequest(modifyAssistantSchema, await req.json());
        checkToolResources(ctx, body.tool_resources);
        return assistantOut(runtime.assistants.update(id, patchOf(ctx, body)));
      },
    },
    {
      method: 'DELETE',
      path: '/assistants/:assistant_id',
      async handle(req) {
        const id = req.params.assistant_id!;
        await changeable(ctx, id, 'deleted');
        runtime.assistants.delete(id);
        return { id, object: 'assistant.deleted', deleted: true };
      },
    },
  ];
}
