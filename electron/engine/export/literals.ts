// Source-text helpers shared by the generators: every value a generator embeds goes through one of these.

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/**
 * Pretty JSON-like text, with arrays and objects of scalars on one line while they are short, so
 * enums, `required` lists and small settings stay readable.
 */
interface Style {
  step: string;
  scalar: (v: unknown) => string;
  key: (k: string) => string;
  /** Ends the last element of a multi-line list (JSON has no trailing commas). */
  trailing: string;
  /** Opening and closing braces of a one-line object. */
  braces: [string, string];
}

function pretty(value: unknown, indent: string, style: Style): string {
  const { step, scalar, key, trailing, braces } = style;
  const inner = indent + step;
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isScalar)) {
      const line = `[${value.map(scalar).join(', ')}]`;
      if (line.length + indent.length <= 100) return line;
    }
    return `[\n${value.map((v) => `${inner}${pretty(v, inner, style)}`).join(',\n')}${trailing}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => isScalar(v))) {
    const [open, close] = braces;
    const line = `${open}${entries.map(([k, v]) => `${key(k)}: ${scalar(v)}`).join(', ')}${close}`;
    if (line.length <= 60) return line;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${pretty(v, inner, style)}`).join(',\n')}${trailing}\n${indent}}`;
}

const TS_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON value as TypeScript source, indented to sit at `indent`. */
export function tsValue(value: unknown, indent = ''): string {
  return pretty(value, indent, {
    step: '  ',
    scalar: (v) => JSON.stringify(v ?? null),
    key: (k) => (TS_KEY.test(k) ? k : JSON.stringify(k)),
    trailing: ',',
    braces: ['{ ', ' }'],
  });
}

/** A string as a TypeScript template literal, so multi-line text stays readable. */
export function tsTemplate(text: string): string {
  return `\`${text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;
}

/** A string as a Python literal: triple-quoted when it spans lines, else the JSON form (valid Python). */
export function pyString(text: string): string {
  if (!text.includes('\n')) return JSON.stringify(text);
  const body = text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  return `"""${body}"""`;
}

const pyScalar = (v: unknown): string => {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'None';
  return JSON.stringify(v);
};

/** A JSON value as a Python literal, indented to sit at `indent`. */
export function pyValue(value: unknown, indent = ''): string {
  return pretty(value, indent, { step: '    ', scalar: pyScalar, key: (k) => JSON.stringify(k), trailing: ',', braces: ['{', '}'] });
}

/** Prefixes every line with a comment marker (`//` or `#`), keeping empty lines tidy. */
export function commentBlock(text: string, marker: string, indent = ''): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line.trim() === '' ? `${indent}${marker}` : `${indent}${marker} ${line}`))
    .join('\n');
}

/** A function name (`^[a-zA-Z0-9_-]{1,64}$`) as an identifier: `search-db` → `search_db`, `1x` → `_1x`. */
function snakeIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

/** `search_database` → `searchDatabase`, for TypeScript names. */
function camelIdentifier(name: string): string {
  const id = snakeIdentifier(name).replace(/_+([A-Za-z0-9])/g, (_, c: string) => c.toUpperCase());
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

/** A package name from a display name: `Research assistant` → `research-assistant`. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'assistant'
  );
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
const TS_RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with let static yield await implements interface package private protected public'.split(
    ' ',
  ),
);

/** Identifiers for each function name, unique among themselves and never a reserved word. */
export function identifiers(names: readonly string[], style: 'camel' | 'snake'): Map<string, string> {
  const reserved = style === 'camel' ? TS_RESERVED : PYTHON_KEYWORDS;
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const name of names) {
    let base = style === 'camel' ? camelIdentifier(name) : snakeIdentifier(name);
    if (reserved.has(base)) base = `${base}_`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}${i}`;
    used.add(id);
    out.set(name, id);
  }
  return out;
}

/** A JSON value as JSON text, in the same compact layout as `tsValue`. */
export function jsonValue(value: unknown, indent = ''): string {
  return pretty(value, indent, { step: '  ', scalar: (v) => JSON.stringify(v ?? null), key: (k) => JSON.stringify(k), trailing: '', braces: ['{ ', ' }'] });
}
