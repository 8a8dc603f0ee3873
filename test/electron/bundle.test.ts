// The packaged app runs bundles, not sources: these checks build them as `npm run build:electron` does
// and run what can run without Electron itself (which cannot start on machines without its binary).
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChildJob, ChildMessage } from '../../electron/engine/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = path.join(root, 'dist', 'electron');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.electron.config.ts', '--logLevel', 'error'],
    { cwd: root, stdio: 'pipe' },
  );
}, 120_000);

describe('the Electron bundles', () => {
  it('run a Function handler in the bundled handler program, as the runner starts it', async () => {
    const child = fork(path.join(out, 'handlerChild.cjs'), [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const messages: ChildMessage[] = [];
    child.on('message', (m: ChildMessage) => messages.push(m));
    const job: ChildJob = {
      type: 'job',
      source: 'export default async function handler(args, ctx) { ctx.log("doubling", args.n); return { doubled: args.n * 2 }; }',
      args: { n: 21 },
      env: {},
    };
    child.send(job);
    await once(child, 'exit');
    expect(messages).toEqual([{ type: 'ready' }, { type: 'log', line: 'doubling 21' }, { type: 'result', output: '{"doubled":42}' }]);
  });

  it('look for the handler program and the kernel beside main.cjs, where the build puts them', () => {
    const main = readFileSync(path.join(out, 'main.cjs'), 'utf8');
    expect(main).toContain('"./handlerChild.cjs"');
    expect(main).toContain('new URL("./kernel.py"');
    expect(readFileSync(path.join(out, 'kernel.py'), 'utf8')).toBe(readFileSync(path.join(root, 'electron', 'engine', 'codeInterpreter', 'kernel.py'), 'utf8'));
  });

  it('leave sqlite-vec to be required at run time, where its native library can be found and loaded', async () => {
    const main = readFileSync(path.join(out, 'main.cjs'), 'utf8');
    expect(main).toContain('require("sqlite-vec")');
    // What main.cjs's require resolves to from dist/electron, loaded into SQLite the way vectors.ts does.
    const required = createRequire(path.join(out, 'main.cjs'))('sqlite-vec') as { getLoadablePath(): string };
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(':memory:', { allowExtension: true });
    db.loadExtension(required.getLoadablePath());
    expect((db.prepare('SELECT vec_version() AS v').get() as { v: string }).v).toMatch(/^v\d/);
    db.close();
  });
});
