import { describe, expect, it } from 'vitest';
import { checkJsonSchema, checkStrictMode } from '../../shared/validation/index.ts';

describe('checkJsonSchema', () => {
  it('accepts a typical function schema', () => {
    expect(
      checkJsonSchema({
        type: 'object',
        properties: {
          city: { type: 'string', description: 'City', pattern: '^[A-Z]' },
          days: { type: 'integer', minimum: 1, maximum: 14 },
          tags: { type: 'array', items: { type: 'string' }, maxItems: 5 },
          unit: { type: ['string', 'null'], enum: ['c', 'f', null] },
          loc: { $ref: '#/$defs/loc' },
        },
        required: ['city'],
        $defs: { loc: { type: 'object', properties: { lat: { type: 'number' } } } },
      }),
    ).toEqual([]);
  });

  it.each([
    [[], '', /must be a JSON object/],
    [{ type: 'array' }, '/type', /top-level schema must have "type": "object"/],
    [{ type: 'object', properties: { a: { type: 'text' } } }, '/properties/a/type', /"text" is not a JSON Schema type/],
    [{ type: 'object', properties: [] }, '/properties', /must be an object mapping/],
    [{ type: 'object', required: 'a' }, '/required', /list of property names/],
    [{ type: 'object', properties: { a: { enum: [] } } }, '/properties/a/enum', /non-empty list/],
    [{ type: 'object', properties: { a: { $ref: '#/$defs/nope' } } }, '/properties/a/$ref', /does not point to a definition/],
    [{ type: 'object', properties: { a: { type: 'string', pattern: '(' } } }, '/properties/a/pattern', /not a valid regular expression/],
    [{ type: 'object', properties: { a: { type: 'number', minimum: 5, maximum: 1 } } }, '/properties/a/minimum', /greater than "maximum"/],
    [{ type: 'object', properties: { a: { type: 'string', maxLength: -1 } } }, '/properties/a/maxLength', /non-negative integer/],
  ])('reports %j at %s', (schema, pointer, message) => {
    const issues = checkJsonSchema(schema).filter((i) => i.severity === 'error');
    expect(issues).toEqual([expect.objectContaining({ pointer, message: expect.stringMatching(message) })]);
  });

  it('warns about unknown keywords (typos) without failing the schema', () => {
    expect(checkJsonSchema({ type: 'object', propertes: {} })).toEqual([
      { severity: 'warning', pointer: '/propertes', message: 'Unknown keyword "propertes"; it will be ignored.' },
    ]);
  });
});

describe('checkStrictMode', () => {
  it('accepts a schema that follows the rules, including nullable optional fields', () => {
    expect(
      checkStrictMode({
        type: 'object',
        properties: {
          q: { type: 'string' },
          limit: { type: ['integer', 'null'] },
          tags: { type: 'array', items: { type: 'object', properties: { t: { type: 'string' } }, required: ['t'], additionalProperties: false } },
        },
        required: ['q', 'limit', 'tags'],
        additionalProperties: false,
      }),
    ).toEqual([]);
  });

  it('needs additionalProperties false and all properties required on nested objects too', () => {
    const issues = checkStrictMode({
      type: 'object',
      properties: { inner: { type: 'object', properties: { x: { type: 'string' } } } },
      required: ['inner'],
      additionalProperties: false,
    });
    expect(issues.map((i) => i.pointer)).toEqual(['/properties/inner', '/properties/inner/properties/x']);
  });

  it('rejects keywords strict mode does not support, saying what to use instead', () => {
    const issues = checkStrictMode({
      type: 'object',
      properties: { a: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
      required: ['a'],
      additionalProperties: false,
    });
    expect(issues).toEqual([expect.objectContaining({ pointer: '/properties/a/oneOf', message: expect.stringMatching(/use "anyOf"/) })]);
    expect(checkStrictMode({ anyOf: [], type: 'object', properties: {}, required: [], additionalProperties: false })[0]!.message).toMatch(/top-level/);
  });

  it('does not mistake keys inherited by every object (constructor, toString) for unsupported keywords', () => {
    expect(checkStrictMode({ type: 'object', properties: {}, required: [], additionalProperties: false, constructor: 1, toString: 2 })).toEqual([]);
  });
});
