import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SessionManager, type SessionManagerOptions } from '../../../electron/engine/codeInterpreter/manager.ts';
import type { ExecutionResult } from '../../../electron/engine/codeInterpreter/types.ts';

/** The Debian interpreter: npm test installs numpy, pandas and matplotlib for it (scripts/system-deps.sh; the pyenv one first on PATH has none). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** A manager over a fresh directory, with short limits so that failures show fast; `dispose` stops and deletes everything. */
export async function testManager(options: Partial<SessionManagerOptions> = {}): Promise<{ manager: SessionManager; root: string; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'studio-ci-'));
  const manager = new SessionManager({ rootDir: root, pythonPath: SYSTEM_PYTHON, limits: { timeLimitMs: 10_000 }, ...options });
  return {
    manager,
    root,
    dispose: async () => {
      manager.closeAll();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** All log output of a result as one string. */
export const logsOf = (result: ExecutionResult): string => result.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');

export const imagesOf = (result: ExecutionResult): Uint8Array[] => result.outputs.flatMap((o) => (o.type === 'image' ? [o.image.bytes] : []));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const isPng = (bytes: Uint8Array): boolean => PNG_SIGNATURE.every((b, i) => bytes[i] === b);
