const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A TypeScript type for the values a JSON Schema admits (best effort; unknown where it cannot tell). */
export function schemaToTypeScript(schema: unknown, root: unknown = schema, indent = '', seen = new Set<string>()): string {
  if (schema === true || !isObject(schema)) return 'unknown';
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
    if (!match || seen.has(ref) || !isObject(root)) return 'unknown';
    const defs = root[match[1]!];
    return isObject(defs) ? schemaToTypeScript(defs[match[2]!], root, indent, new Set([...seen, ref])) : 'unknown';
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
  if ('const' in schema) return JSON.stringify(schema.const);
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) return alternatives.map((s) => schemaToTypeScript(s, root, indent, seen)).join(' | ') || 'never';
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type : [];
  if (types.length === 0) return isObject(schema.properties) ? objectType(schema, root, indent, seen) : 'unknown';
  return types
    .map((t) => {
      switch (t) {
        case 'string':
          return 'string';
        case 'number':
        case 'integer':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array': {
          const item = schemaToTypeScript(schema.items, root, indent, seen);
          return item.includes(' ') ? `Array<${item}>` : `${item}[]`;
        }
        case 'object':
          return objectType(schema, root, indent, seen);
        default:
          return 'unknown';
      }
    })
    .join(' | ');
}

function objectType(schema: Record<string, unknown>, root: unknown, indent: string, seen: Set<string>): string {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const inner = `${indent}  `;
  const lines = Object.entries(props).map(([name, sub]) => {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    const doc = isObject(sub) && typeof sub.description === 'string' ? `${inner}/** ${sub.description.replace(/\*\//g, '* /')} */\n` : '';
    return `${doc}${inner}${key}${required.has(name) ? '' : '?'}: ${schemaToTypeScript(sub, root, inner, seen)};`;
  });
  if (schema.additionalProperties !== false && schema.additionalProperties !== undefined) lines.push(`${inner}[key: string]: unknown;`);
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
}

/** The declarations a handler editor needs: `Args` from the parameter schema, and `HandlerContext`. */
export function handlerTypeDefinitions(parameters: unknown): string {
  return `/** Arguments the model passed, typed from the function's parameter schema. */
type Args = ${schemaToTypeScript(parameters)};

/** What the runtime gives every handler. */
interface HandlerContext {
  /** Aborted when the run is cancelled or the handler's time limit is reached. */
  readonly signal: AbortSignal;
  /** Writes to the handler's log, shown in the run step. */
  log(...values: unknown[]): void;
  /** fetch, cancelled together with the handler. */
  fetch: typeof fetch;
  /** The environment variables you allowed for this project. */
  readonly env: Readonly<Record<string, string>>;
}
`;
}
