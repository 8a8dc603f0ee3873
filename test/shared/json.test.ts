import { describe, expect, it } from 'vitest';
import { locatePointer, toPointer } from '../../shared/json/locate.ts';
import { handlerTypeDefinitions, schemaToTypeScript } from '../../shared/validation/handlerTypes.ts';

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
