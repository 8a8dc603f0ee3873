// One process at a time opens a data directory's run database: the app's backend or `npm run serve`.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_LOCK_FILE, DataDirLocked, lockDataDir } from '../../electron/backend/workspace/dataLock.ts';
import { tempDir } from '../engine/helpers.ts';
import { backendHarness, type BackendHarness } from './backendHarness.ts';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
const harnesses: BackendHarness[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

/** A process that idles until killed. */
function idler(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await exited(child);
  return child.pid!;
}

const writeLock = (dataDir: string, pid: number, owner: string) => writeFile(path.join(dataDir, DATA_LOCK_FILE), JSON.stringify({ pid, owner }));

async function harness(dataDir: string): Promise<BackendHarness> {
  const h = await backendHarness(dataDir);
  harnesses.push(h);
  return h;
}

/** `npm run serve` on a data directory; resolves with its exit code and output once it exits or says it serves. */
function serve(dataDir: string): Promise<{ child: ChildProcess; code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      'scripts/serve.ts',
      '--port',
      '0',
      '--provider',
      'compatible',
      '--base-url',
      'http://127.0.0.1:9/v1',
      '--data-dir',
      dataDir,
    ],
    { cwd: root, env: { ...process.env, OPENAI_API_KEY: '' } },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => {
    child.stdout.on('data', () => {
      if (stdout.includes('serves the Assistants API at')) resolve({ child, code: null, stdout, stderr });
    });
    child.once('exit', (code) => resolve({ child, code, stdout, stderr }));
  });
}

describe('the data directory lock', () => {
  it('is taken once, refused while held, and free again once released', async () => {
    const dataDir = await tempDir();
    const lock = lockDataDir(dataDir, 'test');
    expect(JSON.parse(await readFile(path.join(dataDir, DATA_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, owner: 'test' });
    expect(() => lockDataDir(dataDir, 'another backend')).toThrow(DataDirLocked);
    lock.release();
    lock.release();
    lockDataDir(dataDir, 'next').release();
  });

  it('takes over a lock whose process is gone, and refuses one whose process lives', async () => {
    const dataDir = await tempDir();
    await writeLock(dataDir, await deadPid(), 'npm run serve');
    lockDataDir(dataDir, 'test').release();

    const holder = idler();
    await writeLock(dataDir, holder.pid!, 'npm run serve');
    let refusal: unknown;
    try {
      lockDataDir(dataDir, 'test');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLocked);
    expect((refusal as DataDirLocked).holder).toEqual({ pid: holder.pid, owner: 'npm run serve' });
    holder.kill('SIGKILL');
    await exited(holder);
    lockDataDir(dataDir, 'test').release();
  });

  it('is held by the backend while its run engine is open, so a second one on the directory is refused with the reason', async () => {
    const dataDir = await tempDir();
    const first = await harness(dataDir);
    await first.call('app:threads/list', { assistantNodeId: 'n1' });
    const second = await harness(dataDir);
    const refused = await second.refuse('app:threads/list', { assistantNodeId: 'n1' });
    expect(refused.code).toBe('E_IO');
    expect(refused.message).toContain(`The data directory ${dataDir} is in use by Assistant Studio (npm run web) in this process`);
    await first.close();
    expect(await second.call('app:threads/list', { assistantNodeId: 'n1' })).toEqual({ threads: [] });
  });

  it('keeps npm run serve off the app’s data directory, and the app off one that npm run serve holds', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir();
    const app = await harness(dataDir);
    await app.call('app:threads/list', { assistantNodeId: 'n1' });
    const refused = await serve(dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${dataDir} is in use by Assistant Studio (npm run web) (process ${process.pid})`);
    expect(refused.stderr).toContain('switch it on in Settings → Assistants API server');
    expect(refused.stderr).toContain('--data-dir');
    await app.close();

    const served = await serve(dataDir);
    expect(served.code).toBeNull();
    const late = await harness(dataDir);
    const blocked = await late.refuse('app:threads/list', { assistantNodeId: 'n1' });
    expect(blocked.message).toContain(`is in use by npm run serve (process ${served.child.pid})`);
    served.child.kill('SIGTERM');
    expect(await exited(served.child)).toBe(0);
    // It let go of the lock when it stopped.
    expect(await late.call('app:threads/list', { assistantNodeId: 'n1' })).toEqual({ threads: [] });
  });
});
