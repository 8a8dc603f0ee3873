import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { AppFailure } from '../../../shared/errors.ts';
import { openFileIndex, type FileIndex } from '../../../electron/engine/fileSearch/fileIndex.ts';
import { RuntimeFiles } from '../../../electron/engine/runtime/tools/runtimeFiles.ts';
import { openStore, type Store } from '../../../electron/engine/store/store.ts';
import { createVectorStores, type VectorStoreFileSource, type VectorStoresDeps, type VectorStoreService } from '../../../electron/engine/vectorStores/index.ts';
import { tempDir } from '../helpers.ts';

/** A settable clock (Unix seconds), so created_at ties and expiry can be arranged. */
export interface Clock {
  now: number;
}

export interface World {
  /** The folder holding the database (`runs.sqlite`) and the runtime files. */
  dir: string;
  store: Store;
  fileIndex: FileIndex;
  files: RuntimeFiles;
  service: VectorStoreService;
  clock: Clock;
  /** Saves a runtime file and returns its id. */
  upload(filename: string, content: string | Uint8Array): Promise<string>;
  /** Closes the service and the store; `reopen` opens them again on the same database and files. */
  close(): Promise<void>;
  reopen(overrides?: Partial<VectorStoresDeps>): Promise<World>;
}

/** The real Store, File Search index and runtime files in a temporary folder, with the service on them. */
export async function openWorld(
  overrides: Partial<VectorStoresDeps> & { wrapFiles?: (files: RuntimeFiles) => VectorStoreFileSource } = {},
  at?: { dir: string; clock: Clock },
): Promise<World> {
  const dir = at?.dir ?? (await tempDir());
  const clock = at?.clock ?? { now: 1_700_000_000 };
  const now = () => clock.now;
  const store = openStore(path.join(dir, 'runs.sqlite'), { now });
  const fileIndex = openFileIndex(store.database, { now });
  const files = new RuntimeFiles(store, path.join(dir, 'files'), now);
  const { wrapFiles, ...deps } = overrides;
  const service = createVectorStores({ store, fileIndex, files: wrapFiles ? wrapFiles(files) : files, now, ...deps });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await service.close();
    store.close();
  };
  worlds.push(close);
  return {
    dir,
    store,
    fileIndex,
    files,
    service,
    clock,
    upload: async (filename, content) =>
      (await files.save(filename, { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content }, 'assistants')).id,
    close,
    reopen: async (again = {}) => {
      await close();
      return openWorld(again, { dir, clock });
    },
  };
}

const worlds: (() => Promise<void>)[] = [];
// Registered after tempDir's hook, so it runs before the folders are removed (after-hooks run in reverse).
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((close) => close()));
});

/** Expects `fn` to throw an AppFailure with this code whose message matches. */
export async function expectFailure(fn: () => unknown, code: AppFailure['code'], message: RegExp | string): Promise<void> {
  let thrown: unknown = null;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected a failure').toBeInstanceOf(AppFailure);
  expect((thrown as AppFailure).code).toBe(code);
  expect((thrown as AppFailure).message).toMatch(message);
}

/**
 * Runtime files whose bytes are held back until `release()`: indexing can be caught in the middle.
 * `reading` resolves when the first read starts.
 */
export function gatedFiles(files: RuntimeFiles): VectorStoreFileSource & { reading: Promise<void>; release(): void } {
  let started!: () => void;
  let open!: () => void;
  const reading = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    reading,
    release: () => open(),
    get: (id) => files.get(id),
    content: async (id) => {
      started();
      await gate;
      return files.content(id);
    },
  };
}
