export { validateProject } from './validate.ts';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './problems.ts';
export { checkJsonSchema, type SchemaIssue } from './jsonSchema.ts';
export { checkStrictMode } from './strictMode.ts';
export { handlerTypeDefinitions } from './handlerTypes.ts';
