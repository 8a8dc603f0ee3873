import { describe, expect, it } from 'vitest';
import { functionKind } from '../../../shared/kinds/function.ts';
import { createProcessRunner } from '../../../electron/engine/handlers/runner.ts';
import { sampleArgs } from '../../../electron/engine/handlers/sampleArgs.ts';
import { testHandler } from '../../../electron/engine/handlers/testHandler.ts';

const runner = createProcessRunner();

describe('sampleArgs', () => {
  it('builds arguments from a schema: enums, formats, defaults, arrays, nested objects and $refs', () => {
    const schema = {
      type: 'object',
      properties: {
        query: { type: 'string' },
        category: { type: 'string', enum: ['all', 'nlp'] },
        when: { type: 'string', format: 'date' },
        limit: { type: 'integer', minimum: 5 },
        exact: { type: 'boolean', default: false },
        tags: { type: 'array', items: { type: 'string' } },
        where: { $ref: '#/$defs/place' },
        maybe: { anyOf: [{ type: 'null' }, { type: 'number' }] },
      },
      $defs: { place: { type: 'object', properties: { city: { type: 'string', examples: ['Oslo'] } } } },
    };
    expect(sampleArgs(schema)).toEqual({
      query: 'example',
      category: 'all',
      when: '2026-01-31',
      limit: 5,
      exact: false,
      tags: ['example'],
      where: { city: 'Oslo' },
      maybe: 1,
    });
  });
});

describe('testHandler', () => {
  const fn = {
    ...functionKind.defaults(),
    parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    handler:
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the handler's TypeScript source, whose own template literal runs in the handler process
      'export default async function handler(args: { name: string }, ctx: { log(...v: unknown[]): void }) { ctx.log("hello", args.name); return { greeting: `hi ${args.name}` }; }',
  };

  it('runs the handler with sample arguments and returns output, logs and duration', async () => {
    const result = await testHandler(fn, undefined, { runner, trusted: true });
    expect(result).toMatchObject({ args: { name: 'example' }, output: '{"greeting":"hi example"}', logs: ['hello example'], error: null });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('does not run handlers of an untrusted project', async () => {
    const result = await testHandler(
      { ...fn, handler: 'export default async () => { throw new Error("must not run") }' },
      { name: 'x' },
      { runner, trusted: false },
    );
    expect(result.error?.code).toBe('untrusted');
    expect(result.output).toContain('trust');
  });
});
