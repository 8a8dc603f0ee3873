import { describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../../electron/engine/handlers/runner.ts';

const runner = createProcessRunner({ memoryMb: 48, outputLimit: 100 });
const run = (source: string, options: { args?: unknown; env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {}) =>
  runner.run({ source, args: options.args ?? {}, env: options.env ?? {}, timeoutMs: options.timeoutMs ?? 5000 }, options.signal ?? new AbortController().signal);

describe('handler process runner', () => {
  it('runs TypeScript, passes args and allowed env, and captures ctx.log and console output', async () => {
    const result = await run(
      `export default async function handler(args: { a: number }, ctx: { log(...v: unknown[]): void; env: Record<string, string> }) {
        ctx.log('got', args);
        console.warn('careful');
        return { sum: args.a + 1, allowed: ctx.env.ALLOWED, leaked: Object.keys(process.env).filter((k) => k !== 'ELECTRON_RUN_AS_NODE') };
      }`,
      { args: { a: 1 }, env: { ALLOWED: 'yes' } },
    );
    expect(result.error).toBeNull();
    expect(JSON.parse(result.output)).toEqual({ sum: 2, allowed: 'yes', leaked: [] });
    expect(result.logs).toEqual(['got { a: 1 }', '[warn] careful']);
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('passes a returned string through as is', async () => {
    expect((await run('export default async () => "plain text"')).output).toBe('plain text');
  });

  it('reports a handler that throws, with its message and stack in handler.ts', async () => {
    const result = await run('export default async function handler() {\n  throw new Error("boom");\n}');
    expect(result.error?.code).toBe('handler_threw');
    expect(JSON.parse(result.output)).toMatchObject({ error: 'handler_threw', message: expect.stringMatching(/boom[\s\S]*handler\.ts:2/) });
  });

  it('stops a handler that never finishes at its time limit', async () => {
    const result = await run('export default async function handler() { while (true) {} }', { timeoutMs: 300 });
    expect(result.error?.code).toBe('timeout');
    expect(result.durationMs).toBeLessThan(3000);
  });

  it('stops a handler that allocates without bound at the memory cap', async () => {
    const result = await run('export default async function handler() { const a: number[][] = []; while (true) a.push(new Array(1e6).fill(1)); }', { timeoutMs: 15_000 });
    expect(result.error?.code).toBe('out_of_memory');
    expect(result.output).toContain('48 MB');
  });

  it('reports a handler that calls process.exit()', async () => {
    const result = await run('export default async function handler() { process.exit(3); }');
    expect(result.error).toMatchObject({ code: 'exited', message: expect.stringContaining('code 3') });
  });

  it('reports a promise rejection nobody handled', async () => {
    const result = await run('export default async function handler() { Promise.reject(new Error("late")); await new Promise((r) => setTimeout(r, 500)); return 1; }');
    expect(result.error).toMatchObject({ code: 'unhandled_rejection', message: expect.stringContaining('late') });
  });

  it('reports TypeScript that does not compile and a module without a default export', async () => {
    expect((await run('export default function (a: ) {')).error?.code).toBe('compile_error');
    expect((await run('export const x = 1;')).error?.code).toBe('no_default_export');
  });

  it('cuts long output with a note', async () => {
    const result = await run('export default async () => "x".repeat(500)');
    expect(result.output.startsWith('x'.repeat(100))).toBe(true);
    expect(result.output).toContain('[output truncated: the handler returned 500 characters; the first 100 are shown]');
  });

  it('stops the handler when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await run('export default async function handler() { await new Promise(() => {}); }', { signal: controller.signal });
    expect(result.error?.code).toBe('cancelled');
  });
});
