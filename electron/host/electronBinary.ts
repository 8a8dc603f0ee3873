import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronCheck = { ok: true; binary: string } | { ok: false; reason: string };

/**
 * Whether Electron can start on this machine, decided without running the `electron` package's index.js
 * (which downloads the binary when it is missing and would hang offline).
 */
export function checkElectron(root: string, platform: NodeJS.Platform, env: Record<string, string | undefined>, uid: number | null): ElectronCheck {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const binary = relative ? path.join(pkg, 'dist', relative) : '';
  if (!binary || !existsSync(binary)) {
    return { ok: false, reason: 'the Electron binary is not installed (Electron downloads it on first use, which needs the internet)' };
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  // Chromium refuses to run as root unless its sandbox is switched off, which this app never does.
  if (platform === 'linux' && uid === 0) return { ok: false, reason: 'it is running as root, where Chromium will not start with its sandbox on' };
  return { ok: true, binary };
}
