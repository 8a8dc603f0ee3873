import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Page } from '@playwright/test';

const root = join(import.meta.dirname, '..', '..');

/** A running web host with its own data directory. */
export interface StudioHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** A scratch folder for project files the test saves. */
  workDir: string;
  stop(): Promise<void>;
}

/** Starts `electron/host/cli.ts` on a random port and waits for the line that announces it. */
async function startHost(dataDir: string, env: Record<string, string> = {}): Promise<StudioHost & { process: ChildProcess }> {
  const child = spawn(process.execPath, ['electron/host/cli.ts', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ASSISTANT_STUDIO_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  const workDir = join(dataDir, '..', 'work');
  mkdirSync(workDir, { recursive: true });
  return {
    process: child,
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    dataDir,
    workDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Saves a screenshot of a main view under test-results/screenshots (not committed). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(root, 'test-results', 'screenshots', `${name}.png`) });
}

/** Every test gets a fresh host (fresh data dir: first run, sample project) and fails on page errors. */
export const test = base.extend<{ host: StudioHost }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern and rejects any other first parameter; the host depends on none
  host: async ({}, use) => {
    const tmp = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
    const host = await startHost(join(tmp, 'data'));
    await use(host);
    await host.stop();
    rmSync(tmp, { recursive: true, force: true });
  },
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) errors.push(m.text());
    });
    await use(page);
    if (errors.length) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
  },
});

export { expect } from '@playwright/test';
