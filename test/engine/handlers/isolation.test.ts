import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessRunner, type ProcessRunnerOptions } from '../../../electron/engine/handlers/runner.ts';
import { descendantsOf, livePids, orphansWith, processesWith } from '../processes.ts';

const runnerUrl = new URL('../../../electron/engine/handlers/runner.ts', import.meta.url).href;
// Like the code interpreter's isolation tests, these fail rather than skip where bubblewrap is missing.
const runner = createProcessRunner({ memoryMb: 64, spareIdleMs: 0 });
let home: string;
let server: Server;
let port: number;

beforeAll(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'studio-handler-home-'));
  await writeFile(path.join(home, 'id_ed25519'), 'canary-private-key');
  server = createServer((req, res) => {
    if (req.url === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => res.setHeader('x-method', req.method ?? '').end(Buffer.concat(chunks)));
    } else if (req.url === '/large') {
      res.end(Buffer.alloc(8 * 1024 * 1024, 'a'));
    } else if (req.url === '/never') {
      res.write('started');
    } else {
      res.end('hello from the host');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  runner.close?.();
  await new Promise((resolve) => server.close(resolve));
  await rm(home, { recursive: true, force: true });
});

type Job = { args?: unknown; timeoutMs?: number; network?: boolean; signal?: AbortSignal };
const runWith = (chosen: typeof runner, source: string, job: Job = {}) =>
  chosen.run(
    { source, args: job.args ?? {}, env: {}, timeoutMs: job.timeoutMs ?? 5000, network: job.network ?? false },
    job.signal ?? new AbortController().signal,
  );
const run = (source: string, job: Job = {}) => runWith(runner, source, job);

const marker = () => `1000.${process.pid}${Math.floor(Math.random() * 1e6)}`;
const SPAWN_SLEEPERS = (tag: string) => `import { spawn } from 'node:child_process';
export default async function handler(_: unknown, ctx: { log(...v: unknown[]): void }) {
  for (let i = 0; i < 5; i++) spawn('sleep', ['${tag}'], { stdio: 'ignore' });
  for (let i = 0; i < 5; i++) spawn('sleep', ['${tag}'], { stdio: 'ignore', detached: true }).unref();
  ctx.log('started');
  await new Promise(() => {});
}`;

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the handler sandbox', () => {
  // Through a child process, which Node's permission model (the second layer) does not cover: what
  // holds here is the sandbox itself.
  it('shows neither the home folder nor the data folder: a canary file there cannot be read', async () => {
    const canary = path.join(home, 'id_ed25519');
    const result = await run(
      `import { spawnSync } from 'node:child_process';
      export default async () => {
        const cat = spawnSync('cat', [${JSON.stringify(canary)}], { encoding: 'utf8' });
        const ls = spawnSync('ls', [${JSON.stringify(os.homedir())}, ${JSON.stringify(home)}], { encoding: 'utf8' });
        return { read: cat.stdout, failed: cat.stderr, listed: ls.stdout };
      }`,
    );
    expect(result.error).toBeNull();
    expect(result.output).not.toContain('canary-private-key');
    expect(JSON.parse(result.output)).toMatchObject({ read: '', failed: expect.stringMatching(/No such file or directory/), listed: '' });
  });

  it("cannot read the app's environment through /proc: a canary variable of the parent stays unseen", async () => {
    // The environment /proc shows is the one a process started with, so the canary goes into a parent started for it.
    const program = `
      import { createProcessRunner } from ${JSON.stringify(runnerUrl)};
      const runner = createProcessRunner({ spareIdleMs: 0 });
      const source = 'import { spawnSync } from "node:child_process"; export default async (args) => { const cat = spawnSync("cat", ["/proc/" + args.pid + "/environ"], { encoding: "latin1" }); return cat.stdout + "|" + cat.stderr; }';
      const result = await runner.run({ source, args: { pid: process.pid }, env: {}, timeoutMs: 5000 }, new AbortController().signal);
      process.stdout.write(JSON.stringify(result));`;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '--no-warnings', '-e', program],
        { env: { ...process.env, STUDIO_CANARY: 'sk-canary-in-environ' } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    const result = JSON.parse(output) as { output: string; error: unknown };
    expect(result.error).toBeNull();
    expect(result.output).not.toContain('sk-canary-in-environ');
    expect(result.output).toMatch(/^\|.*No such file or directory/);
  });

  it('leaves no process behind when the time limit stops the handler, detached children included', async () => {
    const tag = marker();
    const result = await run(SPAWN_SLEEPERS(tag), { timeoutMs: 1000 });
    expect(result.error?.code).toBe('timeout');
    expect(result.logs).toEqual(['started']);
    await settle();
    expect(processesWith(tag)).toEqual([]);
  });

  it('leaves no process behind when the call is cancelled', async () => {
    const tag = marker();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 1000);
    const result = await run(SPAWN_SLEEPERS(tag), { signal: controller.signal, timeoutMs: 10_000 });
    expect(result.error?.code).toBe('cancelled');
    expect(result.logs).toEqual(['started']);
    await settle();
    expect(processesWith(tag)).toEqual([]);
  });

  it('leaves no process behind when the app is killed (SIGKILL) while a handler spins', async () => {
    const tag = marker();
    const program = `
      import { createProcessRunner } from ${JSON.stringify(runnerUrl)};
      const runner = createProcessRunner({ spareIdleMs: 0 });
      const source = ${JSON.stringify(`import { spawn } from 'node:child_process';
        export default async (_, ctx) => { spawn('sleep', ['${tag}'], { stdio: 'ignore', detached: true }).unref(); ctx.log('spinning'); await new Promise((r) => setTimeout(r, 50)); while (true) {} }`)};
      runner.run({ source, args: {}, env: {}, timeoutMs: 60000, onLog: (line) => process.stdout.write(line + '\\n') }, new AbortController().signal);`;
    const app = spawn(process.execPath, ['--input-type=module', '--no-warnings', '-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => app.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('spinning') && resolve()));
    const started = descendantsOf(app.pid!);
    expect(started.length).toBeGreaterThan(1);
    app.kill('SIGKILL');
    await new Promise((resolve) => app.once('exit', resolve));
    await settle();
    expect(livePids(started)).toEqual([]);
    expect(processesWith(tag)).toEqual([]);
  });

  it('leaves nothing behind when a process is stopped while bubblewrap still sets it up', async () => {
    const program = fileURLToPath(new URL('../../../electron/engine/handlers/child.ts', import.meta.url));
    for (let i = 0; i < 20; i++) {
      // Each call starts the next process ahead; closing the runner at once stops that one as it boots.
      const starting = createProcessRunner({ memoryMb: 32 });
      await runWith(starting, 'export default async () => 1');
      await new Promise((resolve) => setTimeout(resolve, i % 5));
      starting.close?.();
    }
    await settle();
    expect(orphansWith(program)).toEqual([]);
  });

  it('caps memory outside the JavaScript heap too: 1 GB of Buffers fails against a 64 MB limit', async () => {
    const result = await run(
      'export default async () => { const kept: Buffer[] = []; for (let i = 0; i < 1024; i++) kept.push(Buffer.alloc(1024 * 1024, 1)); return kept.length; }',
      {
        timeoutMs: 15_000,
      },
    );
    expect(result.error?.code).toBe('out_of_memory');
    expect(result.error?.message).toMatch(/memory limit \(64 MB\)/);
  });

  it('caps processes and threads: starting 100 children stops at the cap', async () => {
    const capped = createProcessRunner({ processes: 24, spareIdleMs: 0 });
    const result = await runWith(
      capped,
      `import { spawn } from 'node:child_process';
      export default async () => {
        let started = 0;
        try {
          for (; started < 100; started++) {
            const child = spawn('sleep', ['5'], { stdio: 'ignore' });
            await new Promise((resolve, reject) => { child.once('spawn', resolve); child.once('error', reject); });
          }
        } catch (error) { return { started, code: (error as { code?: string }).code }; }
        return { started };
      }`,
    );
    const outcome = JSON.parse(result.output) as { started: number; code?: string };
    expect(outcome.code).toBe('EAGAIN');
    expect(outcome.started).toBeLessThan(24);
  });

  it('reaches the network through ctx.fetch only when the Function allows it', async () => {
    const fetchHost = `export default async (_: unknown, ctx: { fetch: typeof fetch }) => (await ctx.fetch('http://127.0.0.1:${port}/')).text()`;
    const refused = await run(fetchHost);
    expect(refused.error?.code).toBe('handler_threw');
    expect(refused.error?.message).toMatch(/no network access/);
    const allowed = await run(fetchHost, { network: true });
    expect(allowed).toMatchObject({ error: null, output: 'hello from the host' });
  });

  it("ctx.fetch sends the request body, gives headers and streams a large body, and stops when the request's signal aborts", async () => {
    const result = await run(
      `export default async (_: unknown, ctx: { fetch: typeof fetch }) => {
        const echo = await ctx.fetch('http://127.0.0.1:${port}/echo', { method: 'POST', body: JSON.stringify({ a: 1 }) });
        const large = await ctx.fetch('http://127.0.0.1:${port}/large');
        let bytes = 0;
        for await (const chunk of large.body!) bytes += chunk.length;
        const stalled = await ctx.fetch('http://127.0.0.1:${port}/never', { signal: AbortSignal.timeout(200) });
        const aborted = await stalled.text().then(() => 'read', (error: Error) => error.name);
        return { echoed: await echo.text(), method: echo.headers.get('x-method'), status: echo.status, url: large.url, bytes, aborted };
      }`,
      { network: true },
    );
    expect(result.error).toBeNull();
    expect(JSON.parse(result.output)).toEqual({
      echoed: '{"a":1}',
      method: 'POST',
      status: 200,
      url: `http://127.0.0.1:${port}/large`,
      bytes: 8 * 1024 * 1024,
      aborted: 'TimeoutError',
    });
  });

  it('has no network of its own, even when the Function allows ctx.fetch: a socket to the host fails', async () => {
    const result = await run(
      `import { connect } from 'node:net';
      export default () => new Promise((resolve) => {
        const socket = connect(${port}, '127.0.0.1', () => { socket.destroy(); resolve('connected'); });
        socket.on('error', (error) => resolve('failed: ' + error.message));
      })`,
      { network: true },
    );
    expect(result.output).toMatch(/^failed: /);
  });
});

describe('without a sandbox', () => {
  it('refuses to run a handler unless the setting allows it, and says which setting', async () => {
    const refusing = createProcessRunner({ sandbox: 'off', spareIdleMs: 0 } satisfies ProcessRunnerOptions);
    const result = await runWith(refusing, 'export default async () => "ran"');
    expect(result.error?.code).toBe('unsandboxed');
    expect(result.error?.message).toMatch(/Run Function handlers without a sandbox/);
  });

  it('runs, labelled, with Node permissions as the only layer: no files outside its program, no processes', async () => {
    const weak = createProcessRunner({ sandbox: 'off', allowUnsandboxed: () => true, spareIdleMs: 0 });
    const canary = path.join(home, 'id_ed25519');
    const result = await runWith(
      weak,
      `import { readFileSync } from 'node:fs';
      import { spawnSync } from 'node:child_process';
      export default async () => {
        const attempt = (f: () => unknown) => { try { f(); return 'allowed'; } catch (error) { return (error as { code?: string }).code; } };
        return { read: attempt(() => readFileSync(${JSON.stringify(canary)}, 'utf8')), spawn: attempt(() => spawnSync('true')) };
      }`,
    );
    expect(JSON.parse(result.output)).toEqual({ read: 'ERR_ACCESS_DENIED', spawn: 'ERR_ACCESS_DENIED' });
    expect(result.logs[0]).toMatch(/without a sandbox/);
  });
});
