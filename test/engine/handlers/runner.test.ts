import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createProcessRunner } from '../../../electron/engine/handlers/runner.ts';

const runner = createProcessRunner({ memoryMb: 48, outputLimit: 100 });
const run = (source: string, options: { args?: unknown; env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {}) =>
  runner.run(
    { source, args: options.args ?? {}, env: options.env ?? {}, timeoutMs: options.timeoutMs ?? 5000 },
    options.signal ?? new AbortController().signal,
  );

describe('handler process runner', () => {
  afterAll(() => runner.close?.());

  it('runs TypeScript, passes args and allowed env, and captures ctx.log and console output', async () => {
    const result = await run(
      `export default async function handler(args: { a: number }, ctx: { log(...v: unknown[]): void; env: Record<string, string> }) {
        ctx.log('got', args);
        console.warn('careful');
        return { sum: args.a + 1, allowed: ctx.env.ALLOWED, leaked: Object.keys(process.env).filter((k) => !['ELECTRON_RUN_AS_NODE', 'PWD'].includes(k)) };
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
    const result = await run('export default async function handler() { const a: number[][] = []; while (true) a.push(new Array(1e6).fill(1)); }', {
      timeoutMs: 15_000,
    });
    expect(result.error?.code).toBe('out_of_memory');
    expect(result.output).toContain('48 MB');
  });

  it('reports a handler that calls process.exit()', async () => {
    const result = await run('export default async function handler() { process.exit(3); }');
    expect(result.error).toMatchObject({ code: 'exited', message: expect.stringContaining('code 3') });
  });

  it('reports a promise rejection nobody handled', async () => {
    const result = await run(
      'export default async function handler() { Promise.reject(new Error("late")); await new Promise((r) => setTimeout(r, 500)); return 1; }',
    );
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

/** Live handler processes this test process started (Linux /proc). */
function handlerChildren(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return Number(fields[1]) === process.pid && fields[0] !== 'Z' && cmdline.includes('handlers/child.ts') ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

describe.skipIf(process.platform !== 'linux')('handler processes started ahead of their call', () => {
  // In the sandbox's pid namespace every handler is pid 2: the time a process started tells them apart.
  const pidOf = async (ready: ReturnType<typeof createProcessRunner>, source = 'export default async () => String(performance.timeOrigin)'): Promise<string> =>
    (await ready.run({ source, args: {}, env: {}, timeoutMs: 5000 }, new AbortController().signal)).output;

  it('still gives every call a fresh process: nothing a call leaves behind reaches the next', async () => {
    const ready = createProcessRunner();
    try {
      const first = await ready.run(
        {
          source: 'export default async () => { (globalThis as any).leftOver = "secret"; return String(performance.timeOrigin); }',
          args: {},
          env: { A: '1' },
          timeoutMs: 5000,
        },
        new AbortController().signal,
      );
      // Give the next process time to boot, as a model turn between calls would.
      await new Promise((r) => setTimeout(r, 400));
      const second = await ready.run(
        {
          source:
            'export default async (_: unknown, ctx: { env: Record<string, string> }) => ({ pid: String(performance.timeOrigin), leftOver: (globalThis as any).leftOver ?? null, env: ctx.env, appEnv: Object.keys(process.env).sort() })',
          args: {},
          env: { B: '2' },
          timeoutMs: 5000,
        },
        new AbortController().signal,
      );
      const seen = JSON.parse(second.output) as { pid: string; leftOver: string | null; env: Record<string, string>; appEnv: string[] };
      expect(seen.pid).not.toBe(first.output);
      expect(seen.leftOver).toBeNull();
      expect(seen.env).toEqual({ B: '2' });
      // bubblewrap sets PWD to the handler's working directory, /.
      expect(seen.appEnv).toEqual(['ELECTRON_RUN_AS_NODE', 'PWD']);
    } finally {
      ready.close?.();
    }
  });

  it('replaces a waiting process that died, and starts none after close', async () => {
    runner.close?.();
    await new Promise((r) => setTimeout(r, 100));
    const ready = createProcessRunner();
    await pidOf(ready);
    await new Promise((r) => setTimeout(r, 400));
    // The waiting process is killed from outside (the OS, a task manager): the next call still runs.
    const waiting = handlerChildren();
    expect(waiting).toHaveLength(1);
    process.kill(waiting[0]!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(JSON.parse(await pidOf(ready, 'export default async () => ({ ok: true })'))).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(handlerChildren()).toHaveLength(1);
    ready.close?.();
    await new Promise((r) => setTimeout(r, 100));
    expect(handlerChildren()).toHaveLength(0);
    // A closed runner still runs calls, each in a process started for it.
    expect(Number(await pidOf(ready))).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(handlerChildren()).toHaveLength(0);
  });

  it('starts every process on demand when asked to keep none', async () => {
    const onDemand = createProcessRunner({ spareIdleMs: 0 });
    expect(JSON.parse(await pidOf(onDemand, 'export default async () => ({ ok: true })'))).toEqual({ ok: true });
    // Time enough for a process to be started ahead, as the runners above do: none is.
    await new Promise((r) => setTimeout(r, 400));
    expect(handlerChildren()).toHaveLength(0);
    onDemand.close?.();
  });
});
