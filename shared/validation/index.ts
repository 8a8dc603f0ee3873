export { validateProject } from './validate.ts';
export type { Problem } from './problems.ts';
export { checkJsonSchema } from './jsonSchema.ts';
export { checkStrictMode } from './strictMode.ts';
export { handlerTypeDefinitions } from './handlerTypes.ts';
