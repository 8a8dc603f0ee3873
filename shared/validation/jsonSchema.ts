import { toPointer } from '../json/locate.ts';

/** One finding about a JSON Schema, located by a JSON pointer into the schema. */
export interface SchemaIssue {
  severity: 'error' | 'warning';
  pointer: string;
  message: string;
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas'];
const SCHEMA_LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_KEYWORDS = ['items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties'];
const NON_NEGATIVE_INTEGERS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'];
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];
const STRINGS = ['title', 'description', 'format', '$comment', '$id', '$schema', '$anchor'];
const OTHER_KNOWN = [
  'type',
  'required',
  'enum',
  'const',
  'default',
  'examples',
  'additionalProperties',
  '$ref',
  'pattern',
  'uniqueItems',
  'deprecated',
  'readOnly',
  'writeOnly',
  'dependentRequired',
  'contentEncoding',
  'contentMediaType',
  'nullable',
];
const KNOWN = new Set([...SCHEMA_MAP_KEYWORDS, ...SCHEMA_LIST_KEYWORDS, ...SCHEMA_KEYWORDS, ...NON_NEGATIVE_INTEGERS, ...NUMBERS, ...STRINGS, ...OTHER_KNOWN]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every subschema with its path, root first (used by the structural and the strict-mode checks). */
export function* walkSchemas(schema: unknown, path: (string | number)[] = []): Generator<{ schema: Record<string, unknown>; path: (string | number)[] }> {
  if (!isPlainObject(schema)) return;
  yield { schema, path };
  for (const key of SCHEMA_MAP_KEYWORDS) {
    const map = schema[key];
    if (isPlainObject(map)) for (const [name, sub] of Object.entries(map)) yield* walkSchemas(sub, [...path, key, name]);
  }
  for (const key of SCHEMA_LIST_KEYWORDS) {
    const list = schema[key];
    if (Array.isArray(list)) for (const [i, sub] of list.entries()) yield* walkSchemas(sub, [...path, key, i]);
  }
  for (const key of [...SCHEMA_KEYWORDS, 'additionalProperties']) yield* walkSchemas(schema[key], [...path, key]);
}

/** The types a schema admits, from `type` (string or array). */
export function typesOf(schema: Record<string, unknown>): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function resolvesLocally(root: Record<string, unknown>, ref: string): boolean {
  if (ref === '#') return true;
  if (!ref.startsWith('#/')) return false;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isPlainObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return isPlainObject(node) || typeof node === 'boolean';
}

/** Checks that a value is a well-formed JSON Schema whose root describes an object. */
export function checkJsonSchema(schema: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const add = (severity: SchemaIssue['severity'], path: (string | number)[], message: string) => issues.push({ severity, pointer: toPointer(path), message });
  if (!isPlainObject(schema)) {
    add('error', [], 'The schema must be a JSON object, like {"type": "object", "properties": {…}}.');
    return issues;
  }
  if (!typesOf(schema).includes('object')) add('error', ['type'], 'The top-level schema must have "type": "object".');

  for (const { schema: s, path } of walkSchemas(schema)) {
    for (const key of Object.keys(s)) {
      if (!KNOWN.has(key) && !key.startsWith('x-')) add('warning', [...path, key], `Unknown keyword "${key}"; it will be ignored.`);
    }
    if ('type' in s) {
      const t = s.type;
      const list = Array.isArray(t) ? t : [t];
      if (list.length === 0) add('error', [...path, 'type'], '"type" must not be an empty list.');
      for (const item of list) {
        if (typeof item !== 'string' || !(JSON_TYPES as readonly string[]).includes(item)) {
          add('error', [...path, 'type'], `"${String(item)}" is not a JSON Schema type (use one of ${JSON_TYPES.join(', ')}).`);
        }
      }
      if (new Set(list).size !== list.length) add('error', [...path, 'type'], '"type" lists a type twice.');
    }
    for (const key of SCHEMA_MAP_KEYWORDS) {
      if (!(key in s)) continue;
      const map = s[key];
      if (!isPlainObject(map)) add('error', [...path, key], `"${key}" must be an object mapping names to schemas.`);
      else
        for (const [name, sub] of Object.entries(map)) {
          if (!isPlainObject(sub) && typeof sub !== 'boolean') add('error', [...path, key, name], `"${name}" must be a schema object.`);
        }
    }
    for (const key of SCHEMA_LIST_KEYWORDS) {
      if (!(key in s)) continue;
      const list = s[key];
      if (!Array.isArray(list) || list.length === 0) add('error', [...path, key], `"${key}" must be a non-empty list of schemas.`);
      else
        list.forEach((sub, i) => {
          if (!isPlainObject(sub) && typeof sub !== 'boolean') add('error', [...path, key, i], `Item ${i} of "${key}" must be a schema object.`);
        });
    }
    for (const key of SCHEMA_KEYWORDS) {
      if (key in s && !isPlainObject(s[key]) && typeof s[key] !== 'boolean') add('error', [...path, key], `"${key}" must be a schema object.`);
    }
    if ('additionalProperties' in s && typeof s.additionalProperties !== 'boolean' && !isPlainObject(s.additionalProperties)) {
      add('error', [...path, 'additionalProperties'], '"additionalProperties" must be true, false or a schema.');
    }
    if ('required' in s) {
      const req = s.required;
      if (!Array.isArray(req) || req.some((r) => typeof r !== 'string')) add('error', [...path, 'required'], '"required" must be a list of property names.');
      else {
        if (new Set(req).size !== req.length) add('error', [...path, 'required'], '"required" lists a property twice.');
        const props = isPlainObject(s.properties) ? s.properties : {};
        for (const name of req as string[]) {
          if (!(name in props)) add('warning', [...path, 'required'], `"${name}" is required but not defined in "properties".`);
        }
      }
    }
    if ('enum' in s && (!Array.isArray(s.enum) || s.enum.length === 0)) add('error', [...path, 'enum'], '"enum" must be a non-empty list of values.');
    for (const key of NON_NEGATIVE_INTEGERS) {
      const v = s[key];
      if (key in s && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) add('error', [...path, key], `"${key}" must be a non-negative integer.`);
    }
    for (const key of NUMBERS) {
      if (key in s && typeof s[key] !== 'number') add('error', [...path, key], `"${key}" must be a number.`);
    }
    if (typeof s.multipleOf === 'number' && s.multipleOf <= 0) add('error', [...path, 'multipleOf'], '"multipleOf" must be greater than 0.');
    if (typeof s.minimum === 'number' && typeof s.maximum === 'number' && s.minimum > s.maximum) {
      add('error', [...path, 'minimum'], '"minimum" is greater than "maximum"; no value can match.');
    }
    for (const key of STRINGS) {
      if (key in s && typeof s[key] !== 'string') add('error', [...path, key], `"${key}" must be a string.`);
    }
    if ('pattern' in s) {
      if (typeof s.pattern !== 'string') add('error', [...path, 'pattern'], '"pattern" must be a string.');
      else {
        try {
          new RegExp(s.pattern, 'u');
        } catch (e) {
          add('error', [...path, 'pattern'], `"pattern" is not a valid regular expression: ${(e as Error).message}`);
        }
      }
    }
    if ('$ref' in s) {
      if (typeof s.$ref !== 'string') add('error', [...path, '$ref'], '"$ref" must be a string.');
      else if (!resolvesLocally(schema, s.$ref))
        add('error', [...path, '$ref'], `"$ref" "${s.$ref}" does not point to a definition in this schema (use "#/$defs/<name>").`);
    }
    const types = typesOf(s);
    if (isPlainObject(s.properties) && types.length > 0 && !types.includes('object')) {
      add('warning', [...path, 'properties'], '"properties" only applies to objects, but "type" does not include "object".');
    }
    if ('items' in s && types.length > 0 && !types.includes('array')) {
      add('warning', [...path, 'items'], '"items" only applies to arrays, but "type" does not include "array".');
    }
  }
  return issues;
}
