import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkElectron } from '../../electron/host/electronBinary.ts';
import { tempDir } from '../engine/helpers.ts';

async function fakeElectron(root: string, withBinary: boolean): Promise<string> {
  const pkg = path.join(root, 'node_modules', 'electron');
  await mkdir(path.join(pkg, 'dist'), { recursive: true });
  await writeFile(path.join(pkg, 'path.txt'), 'electron');
  if (withBinary) await writeFile(path.join(pkg, 'dist', 'electron'), '');
  return path.join(pkg, 'dist', 'electron');
}

describe('checkElectron', () => {
  it('explains a missing binary without trying to download it', async () => {
    const root = await tempDir();
    expect(checkElectron(root, 'linux', { DISPLAY: ':0' }, 1000)).toEqual({ ok: false, reason: expect.stringContaining('not installed') });
    await fakeElectron(root, false);
    expect(checkElectron(root, 'linux', { DISPLAY: ':0' }, 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('not installed') });
  });

  it('needs a display on Linux and refuses root', async () => {
    const root = await tempDir();
    const binary = await fakeElectron(root, true);
    expect(checkElectron(root, 'linux', {}, 1000)).toMatchObject({ ok: false, reason: expect.stringContaining('no display') });
    expect(checkElectron(root, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, 0)).toMatchObject({ ok: false, reason: expect.stringContaining('root') });
    expect(checkElectron(root, 'linux', { WAYLAND_DISPLAY: 'wayland-0' }, 1000)).toEqual({ ok: true, binary });
    expect(checkElectron(root, 'darwin', {}, 501)).toEqual({ ok: true, binary });
  });
});
