import { notFound, sendJson, type RouteContext } from './http.ts';

// Fixed creation times keep the answers stable from run to run.
const MODELS = [
  { id: 'gpt-4.1', created: 1744316542 },
  { id: 'gpt-4.1-mini', created: 1744318173 },
  { id: 'gpt-4o', created: 1715367049 },
  { id: 'gpt-4o-mini', created: 1721172741 },
  { id: 'text-embedding-3-small', created: 1705948997 },
  { id: 'text-embedding-3-large', created: 1705953180 },
].map((model) => ({ ...model, object: 'model', owned_by: 'system' }));

/** Vector sizes of the embedding models, with and without `dimensions`. */
export const EMBEDDING_DIMENSIONS: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
};

export function listModels(ctx: RouteContext): void {
  sendJson(ctx.res, 200, { object: 'list', data: MODELS });
}

export function retrieveModel(ctx: RouteContext): void {
  const id = ctx.params.id ?? '';
  const model = MODELS.find((candidate) => candidate.id === id);
  if (!model) throw notFound(`The model '${id}' does not exist`, 'model', 'model_not_found');
  sendJson(ctx.res, 200, model);
}
