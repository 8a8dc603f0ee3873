// `npm run serve` as a real process: it prints how to use it, serves the SDK, and stops cleanly on SIGTERM.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileIndex, openStore } from '../../electron/engine/index.ts';
import { tempDir } from '../engine/helpers.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SCRIPT = ['--disable-warning=ExperimentalWarning', 'scripts/serve.ts'];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

/** Starts the server; resolves once it printed its usage lines. */
function start(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, [...SCRIPT, ...args], { cwd: root, env: { ...process.env, OPENAI_BASE_URL: '', OPENAI_API_KEY: '', ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const lines = out.split('\n');
      if (lines.length > 4) resolve({ child, lines });
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk));
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess): Promise<number | null> => new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('npm run serve', { timeout: 60_000 }, () => {
  it('prints the base URL and the two variables, serves the SDK with the alias table, and closes on SIGTERM', async () => {
    const dataDir = await tempDir();
    const { child, lines } = await start([
      '--port',
      '0',
      '--provider',
      'compatible',
      '--base-url',
      sim.baseURL,
      '--data-dir',
      dataDir,
      '--alias',
      'gpt-4o=sim-model',
    ]);
    try {
      const url = /serves the Assistants API at (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(lines[0] ?? '')?.[1];
      expect(url).toBeDefined();
      expect(lines[2]).toBe(`  export OPENAI_BASE_URL=${url}`);
      const key = /^ {2}export OPENAI_API_KEY=(sk-studio-\S+)$/.exec(lines[3] ?? '')?.[1];
      expect(key).toBeDefined();

      const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      sim.script({ text: 'Served.' });
      const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'Hi' }] } });
      expect(run).toMatchObject({ status: 'completed', model: 'sim-model' });
      expect(sim.requests.at(-1)?.body.model).toBe('sim-model');
      await expect(new OpenAI({ baseURL: url, apiKey: 'sk-wrong', maxRetries: 0 }).models.list()).rejects.toMatchObject({ status: 401 });
    } finally {
      const code = exited(child);
      child.kill('SIGTERM');
      expect(await code).toBe(0);
    }
  });

  it('serves vector stores on the runtime’s index, embedded with --embedding-model, and closes them before the database', async () => {
    const dataDir = await tempDir();
    const { child, lines } = await start(['--provider', 'compatible', '--base-url', sim.baseURL, '--data-dir', dataDir, '--embedding-model', 'sim-embed']);
    let storeId = '';
    try {
      const url = /serves the Assistants API at (\S+)$/.exec(lines[0] ?? '')?.[1];
      const key = /^ {2}export OPENAI_API_KEY=(\S+)$/.exec(lines[3] ?? '')?.[1];
      const client = new OpenAI({ baseURL: url, apiKey: key, maxRetries: 0 });
      const store = await client.vectorStores.create({ name: 'docs' });
      storeId = store.id;
      const batch = await client.vectorStores.fileBatches.uploadAndPoll(store.id, { files: [new File(['Refunds are paid within 14 days.'], 'refunds.md')] });
      expect(batch.file_counts.completed).toBe(1);
      const found = await client.vectorStores.search(store.id, { query: 'refunds' });
      expect(found.data.map((r) => r.filename)).toEqual(['refunds.md']);
    } finally {
      const code = exited(child);
      child.kill('SIGTERM');
      expect(await code).toBe(0);
    }
    const store = openStore(path.join(dataDir, 'runs.sqlite'));
    try {
      expect(openFileIndex(store.database).store(storeId)?.embedderId).toMatch(/^sim-embed via /);
    } finally {
      store.close();
    }
  });

  it('takes the key from the environment, and refuses another address than loopback without one', async () => {
    const { child, lines } = await start(['--provider', 'compatible', '--base-url', sim.baseURL, '--data-dir', await tempDir()], {
      ASSISTANT_STUDIO_SERVE_KEY: 'sk-from-env',
    });
    const code = exited(child);
    child.kill('SIGINT');
    expect(lines[3]).toBe('  export OPENAI_API_KEY=$ASSISTANT_STUDIO_SERVE_KEY');
    expect(await code).toBe(0);

    const refused = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const run = execFile(
        process.execPath,
        [...SCRIPT, '--host', '0.0.0.0', '--provider', 'compatible', '--base-url', sim.baseURL],
        { cwd: root },
        (_e, _out, stderr) => resolve({ code: run.exitCode, stderr }),
      );
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--host 0.0.0.0 makes the server reachable from other machines, so it needs a key');
  });
});
