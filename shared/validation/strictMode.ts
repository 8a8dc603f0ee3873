import { toPointer } from '../json/locate.ts';
import { typesOf, walkSchemas, type SchemaIssue } from './jsonSchema.ts';

const MAX_DEPTH = 10;
const MAX_PROPERTIES = 5000;
const MAX_ENUM_VALUES = 1000;

/** Keywords Structured Outputs rejects in strict mode, with what to do instead. A Map, so that keys such as "constructor" find nothing. */
const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['allOf', 'strict mode does not support "allOf"; merge the schemas into one object.'],
  ['oneOf', 'strict mode does not support "oneOf"; use "anyOf".'],
  ['not', 'strict mode does not support "not".'],
  ['if', 'strict mode does not support "if"/"then"/"else".'],
  ['then', 'strict mode does not support "if"/"then"/"else".'],
  ['else', 'strict mode does not support "if"/"then"/"else".'],
  ['patternProperties', 'strict mode does not support "patternProperties"; list the properties explicitly.'],
  ['dependentRequired', 'strict mode does not support "dependentRequired".'],
  ['dependentSchemas', 'strict mode does not support "dependentSchemas".'],
  ['unevaluatedProperties', 'strict mode does not support "unevaluatedProperties"; use "additionalProperties": false.'],
]);

const isObjectSchema = (s: Record<string, unknown>) => typesOf(s).includes('object') || (typeof s.properties === 'object' && s.properties !== null);

/**
 * The rules OpenAI enforces for `strict: true` schemas (function parameters and response formats),
 * each with an explanation the user can act on. Assumes the schema passed `checkJsonSchema`.
 */
export function checkStrictMode(schema: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ severity: 'error', pointer: toPointer(path), message });
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return issues;
  const root = schema as Record<string, unknown>;
  if ('anyOf' in root) add(['anyOf'], 'In strict mode the top-level schema must be a plain object, not "anyOf".');

  let propertyCount = 0;
  let enumCount = 0;
  for (const { schema: s, path } of walkSchemas(root)) {
    const depth = path.filter((p) => p === 'properties' || p === 'items').length;
    if (depth > MAX_DEPTH) add(path, `Strict mode allows at most ${MAX_DEPTH} levels of nesting.`);
    for (const key of Object.keys(s)) {
      const why = UNSUPPORTED.get(key);
      if (why !== undefined) add([...path, key], `Not allowed: ${why}`);
    }
    if (Array.isArray(s.enum)) enumCount += s.enum.length;
    if (!isObjectSchema(s)) continue;
    const props = typeof s.properties === 'object' && s.properties !== null ? Object.keys(s.properties) : [];
    propertyCount += props.length;
    if (s.additionalProperties !== false) {
      add(path.length ? path : [], 'Strict mode needs "additionalProperties": false on every object, so the model cannot add fields you did not define.');
    }
    const required = Array.isArray(s.required) ? new Set(s.required) : new Set<unknown>();
    for (const name of props) {
      if (!required.has(name)) {
        add(
          [...path, 'properties', name],
          `Strict mode needs every property listed in "required"; "${name}" is missing. To make it optional, keep it required and allow null: "type": ["string", "null"].`,
        );
      }
    }
  }
  if (propertyCount > MAX_PROPERTIES) add([], `Strict mode allows at most ${MAX_PROPERTIES} properties in total (this schema has ${propertyCount}).`);
  if (enumCount > MAX_ENUM_VALUES) add([], `Strict mode allows at most ${MAX_ENUM_VALUES} enum values in total (this schema has ${enumCount}).`);
  return issues;
}
