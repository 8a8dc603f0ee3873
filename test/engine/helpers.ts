import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { BackendDeps } from '../../electron/backend/backend.ts';
import type { Log } from '../../electron/backend/workspace/log.ts';
import { createFileCipher } from '../../electron/backend/workspace/secrets.ts';
import { defaultSettings, type AppSettings, type SettingsStore } from '../../electron/backend/workspace/settings.ts';

const dirs: string[] = [];

/** A fresh temporary directory, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studio-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A log that keeps its lines, so tests can assert what was (and was not) logged. */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`info ${m}`),
    warn: (m) => void lines.push(`warn ${m}`),
    error: (m, cause) => void lines.push(`error ${m} ${cause instanceof Error ? cause.message : ''}`),
  };
}

/** Settings held in memory, standing in for conf / electron-store. */
export function memoryStore(initial: AppSettings = defaultSettings()): SettingsStore & { current: AppSettings } {
  const store = {
    current: structuredClone(initial),
    get: () => structuredClone(store.current),
    set: (next: AppSettings) => {
      store.current = structuredClone(next);
    },
  };
  return store;
}

/** What a test backend over `dataDir` is given: a web host's deps with a file cipher and no dialogs. */
export async function testBackendDeps(dataDir: string, overrides: Partial<BackendDeps> = {}): Promise<BackendDeps> {
  return {
    dataDir,
    settings: memoryStore(),
    cipher: await createFileCipher(dataDir),
    dialogs: null,
    host: 'web',
    env: {},
    log: recordingLog(),
    version: '0.1.0-test',
    homeDir: dataDir,
    ...overrides,
  };
}
