import { describe, expect, it } from 'vitest';
import { JSON_LIMITS, parseJson, stringifyBounded } from '../../shared/json/bounded.ts';
import { locatePointer, toPointer } from '../../shared/json/locate.ts';
import { handlerTypeDefinitions, schemaToTypeScript } from '../../shared/validation/handlerTypes.ts';

const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('parseJson', () => {
  it('parses JSON within the limits', () => {
    expect(parseJson('{"a": [1, {"b": "c"}]}')).toEqual({ ok: true, value: { a: [1, { b: 'c' }] } });
    expect(parseJson(nested(JSON_LIMITS.maxDepth))).toMatchObject({ ok: true });
  });

  it('refuses nesting past the limit before parsing, however deep, without running out of stack', () => {
    expect(parseJson(nested(JSON_LIMITS.maxDepth + 1))).toEqual({
      ok: false,
      problem: 'limit',
      message: `it nests arrays and objects more than ${JSON_LIMITS.maxDepth} levels deep`,
    });
    expect(parseJson(`{"a":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_001)}`)).toMatchObject({ ok: false, problem: 'limit' });
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const inString = JSON.stringify({ text: `say "${nested(500)}` });
    expect(parseJson(inString)).toMatchObject({ ok: true, value: { text: `say "${nested(500)}` } });
  });

  it('refuses text longer than the limit, and reports a syntax error as one', () => {
    expect(parseJson('[1, 2, 3]', { maxDepth: 10, maxLength: 5 })).toEqual({ ok: false, problem: 'limit', message: 'it is larger than 0 MB' });
    expect(parseJson('{"a": ')).toMatchObject({ ok: false, problem: 'syntax' });
  });

  it('says where the text broke without quoting it', () => {
    expect(parseJson('secret: hunter2')).toEqual({ ok: false, problem: 'syntax', message: 'an unexpected character' });
    const broken = parseJson('{"password": "hunter2", }');
    expect(broken).toMatchObject({ ok: false, problem: 'syntax', message: expect.stringContaining('position 24 (line 1 column 25)') });
    expect(!broken.ok && broken.message).not.toContain('hunter2');
  });
});

describe('stringifyBounded', () => {
  it('writes a value, and gives null for one nested too deep to write', () => {
    expect(stringifyBounded({ a: [1] })).toBe('{"a":[1]}');
    let deep: unknown[] = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(stringifyBounded(deep)).toBeNull();
  });
});

describe('locatePointer', () => {
  const text = '{\n  "type": "object",\n  "properties": {\n    "a/b": { "type": "strin" },\n    "list": [1, { "x": true }]\n  }\n}';
  const at = (p: string) => {
    const span = locatePointer(text, p);
    return span && text.slice(span.start, span.end);
  };
  it('finds members, nested members, array items and escaped keys', () => {
    expect(at('')).toBe(text);
    expect(at('/type')).toBe('"type": "object"');
    expect(at(toPointer(['properties', 'a/b', 'type']))).toBe('"type": "strin"');
    expect(at('/properties/list/1/x')).toBe('"x": true');
    expect(at('/properties/list/0')).toBe('1');
  });
  it('returns null for missing pointers and broken text', () => {
    expect(at('/nope')).toBeNull();
    expect(locatePointer('{"a": ', '/a')).toBeNull();
  });
});

describe('handler types', () => {
  it('turns a parameter schema into an Args type', () => {
    const ts = schemaToTypeScript({
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What to find' },
        category: { type: 'string', enum: ['all', 'nlp'] },
        limit: { type: ['integer', 'null'] },
        tags: { type: 'array', items: { type: 'string' } },
      },
      required: ['query', 'category'],
      additionalProperties: false,
    });
    expect(ts).toBe('{\n  /** What to find */\n  query: string;\n  category: "all" | "nlp";\n  limit?: number | null;\n  tags?: string[];\n}');
  });
  it('declares Args and HandlerContext', () => {
    const dts = handlerTypeDefinitions({ type: 'object', properties: {} });
    expect(dts).toContain('type Args = Record<string, never>;');
    expect(dts).toContain('interface HandlerContext');
    expect(schemaToTypeScript('not a schema')).toBe('unknown');
  });
});
