import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { checkElectron } from '../../electron/host/electronBinary.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/csp.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const check = checkElectron(root, process.platform, process.env, process.getuid?.() ?? null);

// Where Electron cannot run the test says exactly why instead of passing; the web host's end-to-end
// tests cover the same UI in Chromium.
test.skip(!check.ok, `Electron cannot start here: ${check.ok ? '' : check.reason}`);

test('the window is sandboxed, exposes only the bridge, and shows the sample project', async () => {
  if (!check.ok) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'studio-e2e-electron-'));
  // The binary is passed explicitly: resolving it through the electron package would start a download.
  const app = await electron.launch({
    executablePath: check.binary,
    args: [root],
    cwd: root,
    env: { ...process.env, ASSISTANT_STUDIO_DATA_DIR: dataDir } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    expect(new URL(page.url()).origin).toBe('app://studio');

    const surface = await page.evaluate(() => ({
      studio: Object.keys((window as unknown as { studio?: object }).studio ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toEqual({ studio: ['invoke', 'onEvent'], require: 'undefined', process: 'undefined' });

    const refused = await page.evaluate(() =>
      (window as unknown as { studio: { invoke(c: string, r: unknown): Promise<unknown> } }).studio.invoke('app:nope/nothing', {}),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });

    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toBe(CONTENT_SECURITY_POLICY);

    await expect(page.getByText('Research assistant').first()).toBeVisible({ timeout: 15_000 });
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
