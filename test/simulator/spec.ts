import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Where the OpenAPI description lives: a copy kept in the repository (see reference/README.md for its
 * origin), so a fresh clone tests with nothing beside it; OPENAI_OPENAPI_SPEC points at another one.
 */
const SPEC_PATH = process.env.OPENAI_OPENAPI_SPEC ?? join(import.meta.dirname, 'reference', 'openai-openapi.yaml');

const ROOT_ID = 'openai-openapi';
const SCHEMA_REF = '#/components/schemas/';

type JsonSchema = { [key: string]: unknown };

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** Throws with the validator's errors unless `value` matches `#/components/schemas/<schemaName>`. */
export function assertMatchesSchema(schemaName: string, value: unknown): void {
  const validate = validatorFor(schemaName);
  if (validate(value)) return;
  const shown = JSON.stringify(value);
  throw new Error(
    `value does not match ${schemaName}:\n${describeErrors(validate.errors ?? [])}\nvalue: ${shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown}`,
  );
}

function validatorFor(schemaName: string): ValidateFunction {
  const cached = validators.get(schemaName);
  if (cached) return cached;
  const instance = loadSpec();
  const validate = instance.getSchema(`${ROOT_ID}#/$defs/${schemaName}`);
  if (!validate) throw new Error(`no schema named ${schemaName} in ${SPEC_PATH}`);
  validators.set(schemaName, validate);
  return validate;
}

// Parsing the 3 MB spec takes about a second, so it happens once, on first use; each schema is then
// compiled only when a test first asks for it (Ajv caches the compiled fragments).
function loadSpec(): Ajv2020 {
  if (ajv) return ajv;
  const doc = parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, JsonSchema> } };
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // OpenAPI's own format: `unixtime` is seconds since the epoch, as a number.
  ajv.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isFinite(n) && n >= 0 });
  ajv.addSchema({ $id: ROOT_ID, $defs: toJsonSchema(doc.components.schemas) });
  return ajv;
}

/**
 * Turns OpenAPI schemas into plain JSON Schema 2020-12 with the same meaning: refs point into `$defs`,
 * `nullable: true` becomes an explicit `null` alternative, `$recursiveRef: "#"` (draft 2019-09) becomes a
 * ref to the enclosing named schema, OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` become
 * numbers, duplicate `required` entries (which the meta-schema rejects) are merged, and tagged unions
 * dispatch on their tag (see `dispatchOnTag`).
 */
function toJsonSchema(schemas: Record<string, JsonSchema>): Record<string, unknown> {
  const resolve = (schema: JsonSchema): JsonSchema | undefined => {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const target = ref.startsWith(SCHEMA_REF) ? schemas[ref.slice(SCHEMA_REF.length)] : undefined;
    return target && resolve(target);
  };

  // The values a union member allows for the tag property, looking through refs and allOf.
  const tagValues = (member: JsonSchema, tag: string): unknown[] | undefined => {
    const schema = resolve(member);
    if (!schema) return undefined;
    const property = isSchema(schema.properties) && isSchema(schema.properties[tag]) ? resolve(schema.properties[tag]) : undefined;
    if (property && Array.isArray(property.enum)) return property.enum;
    if (property && 'const' in property) return [property.const];
    if (!Array.isArray(schema.allOf)) return undefined;
    for (const part of schema.allOf) {
      const values = isSchema(part) ? tagValues(part, tag) : undefined;
      if (values) return values;
    }
    return undefined;
  };

  // A union (`oneOf`/`anyOf`) whose members all pin the tag property to known values is checked only
  // against the members that allow the value's tag. Members that allow another tag would fail anyway,
  // so this accepts exactly what the union accepts, but a failure reports one member's errors instead
  // of every member's. Values that are not objects with the tag still go through the whole union.
  // Returns the union keyword it replaced, if any.
  const dispatchOnTag = (node: JsonSchema, out: JsonSchema, owner: string): 'oneOf' | 'anyOf' | undefined => {
    const kind = Array.isArray(node.oneOf) ? 'oneOf' : Array.isArray(node.anyOf) ? 'anyOf' : undefined;
    if (!kind) return undefined;
    const discriminator = node.discriminator;
    const tag = isSchema(discriminator) && typeof discriminator.propertyName === 'string' ? discriminator.propertyName : 'type';
    const members = node[kind] as unknown[];
    const tags = members.map((member) => (isSchema(member) ? tagValues(member, tag) : undefined));
    if (tags.some((values) => values === undefined)) return undefined;
    const converted = members.map((member) => convert(member, owner));
    const byTag = new Map<string, unknown[]>();
    for (const [index, values] of tags.entries()) {
      for (const key of (values ?? []).map((value) => JSON.stringify(value))) byTag.set(key, [...(byTag.get(key) ?? []), converted[index]]);
    }
    const branches = [...byTag].map(([key, group]) => ({
      if: { properties: { [tag]: { const: JSON.parse(key) } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword "then" in a schema object, not a thenable
      then: group.length === 1 ? group[0] : { [kind]: group },
    }));
    out.if = { type: 'object', required: [tag] };
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword "then" in a schema object, not a thenable
    out.then = { properties: { [tag]: { enum: [...byTag.keys()].map((key) => JSON.parse(key)) } }, allOf: branches };
    out.else = { [kind]: converted };
    return kind;
  };

  const convert = (node: unknown, owner: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => convert(item, owner));
    if (!isSchema(node)) return node;
    const out: JsonSchema = {};
    const replaced = dispatchOnTag(node, out, owner);
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-') || key === 'example' || key === 'nullable' || key === '$recursiveAnchor') continue;
      if (key === replaced) continue;
      if (key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_REF)) {
        out.$ref = `#/$defs/${value.slice(SCHEMA_REF.length)}`;
      } else if (key === '$recursiveRef') {
        out.$ref = `#/$defs/${owner}`;
      } else if (key === 'required' && Array.isArray(value)) {
        out.required = [...new Set(value)];
      } else {
        out[key] = convert(value, owner);
      }
    }
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof out[flag] !== 'boolean') continue;
      if (out[flag] === true) out[flag] = out[bound];
      else delete out[flag];
      if (out[flag] !== undefined) delete out[bound];
    }
    return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
  };

  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, convert(schema, name)]));
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeErrors(errors: ErrorObject[]): string {
  // "must match then" entries only say that a tagged-union branch failed; the branch's own errors follow.
  return errors
    .filter((e) => e.keyword !== 'if')
    .slice(0, 20)
    .map((e) => `  ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)} (${e.schemaPath})`)
    .join('\n');
}
