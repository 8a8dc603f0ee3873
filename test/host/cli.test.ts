import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../electron/host/dataDir.ts';
import { tempDir } from '../engine/helpers.ts';

const cli = fileURLToPath(new URL('../../electron/host/cli.ts', import.meta.url));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('web host CLI', () => {
  it('prints one line with the tokenized address, serves, and exits cleanly on SIGTERM', async () => {
    const root = await tempDir();
    const staticDir = path.join(root, 'static');
    await mkdir(staticDir);
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
    const proc = run(['--static', staticDir], { ASSISTANT_STUDIO_DATA_DIR: path.join(root, 'data'), OPENAI_API_KEY: 'sk-env-secret' });
    const line = await new Promise<string>((resolve, reject) => {
      proc.child.stdout.on('data', () => {
        if (proc.out().includes('\n')) resolve(proc.out());
      });
      void proc.exited.then(() => reject(new Error(`exited early: ${proc.err()}`)));
    });
    const match = /^Assistant Studio is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))\n$/.exec(line);
    expect(match).not.toBeNull();
    const [, , port, token] = match!;
    const reply = await fetch(`http://127.0.0.1:${port}/api/invoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel: 'app:settings/get', request: {} }),
    });
    const settings = (await reply.json()) as { ok: boolean; value: { providers: { keySource: string | null }[] } };
    expect(settings.value.providers[0]?.keySource).toBe('environment');
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.out().split('\n').filter(Boolean)).toHaveLength(1);
    expect(proc.out() + proc.err()).not.toContain('sk-env-secret');
  });

  it('says how to build the renderer when it is missing', async () => {
    const root = await tempDir();
    const proc = run(['--static', path.join(root, 'nothing')], { ASSISTANT_STUDIO_DATA_DIR: path.join(root, 'data') });
    expect(await proc.exited).toBe(1);
    expect(proc.err()).toContain('run npm run build:renderer');
  });
});

describe('defaultDataDir', () => {
  it('follows the platform conventions and the override', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/assistant-studio');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe('/xdg/assistant-studio');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/Assistant Studio');
    expect(defaultDataDir('linux', { ASSISTANT_STUDIO_DATA_DIR: '/data' }, '/home/u')).toBe('/data');
  });
});
