const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const STRING_FORMATS: Record<string, string> = {
  date: '2026-01-31',
  'date-time': '2026-01-31T12:00:00Z',
  time: '12:00:00',
  email: 'user@example.com',
  uri: 'https://example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/**
 * Plausible arguments for a function's parameter schema, for the inspector's Test button: defaults,
 * examples, the first enum value or const where the schema gives one, otherwise a simple value of the type.
 */
export function sampleArgs(schema: unknown): unknown {
  return sample(schema, schema, 0);
}

function sample(schema: unknown, root: unknown, depth: number): unknown {
  if (!isObject(schema) || depth > 8) return null;
  if (typeof schema.$ref === 'string') {
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(schema.$ref);
    const defs = match && isObject(root) ? root[match[1]!] : undefined;
    return isObject(defs) ? sample(defs[match![2]!], root, depth + 1) : null;
  }
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) {
    const first = alternatives.find((a) => !(isObject(a) && a.type === 'null')) ?? alternatives[0];
    return sample(first, root, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (isObject(schema.properties) ? 'object' : undefined)) {
    case 'object': {
      const props = isObject(schema.properties) ? schema.properties : {};
      return Object.fromEntries(Object.entries(props).map(([name, sub]) => [name, sample(sub, root, depth + 1)]));
    }
    case 'array': {
      const count = typeof schema.minItems === 'number' && schema.minItems > 1 ? schema.minItems : 1;
      return Array.from({ length: count }, () => sample(schema.items, root, depth + 1));
    }
    case 'string':
      return typeof schema.format === 'string' && STRING_FORMATS[schema.format] ? STRING_FORMATS[schema.format] : 'example';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}
