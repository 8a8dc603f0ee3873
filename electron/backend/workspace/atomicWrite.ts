import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isAlive } from './dataLock.ts';

/** An open file as atomicWrite uses it. */
interface WritableHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls atomicWrite needs; injectable so tests can fail any step without module mocks. */
export interface AtomicFs {
  open(file: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
}

export const nodeAtomicFs: AtomicFs = {
  open: (file, flags, mode) => nodeFs.open(file, flags, mode),
  rename: (from, to) => nodeFs.rename(from, to),
  rm: (file) => nodeFs.rm(file, { force: true }),
};

export interface AtomicWriteOptions {
  /** Permission bits of the new file (e.g. 0o600 for secrets). */
  mode?: number;
  fs?: AtomicFs;
}

/**
 * The temp file a write of `file` goes through: hidden, beside it, naming the writing process, so
 * that one left by a process that was killed can be told from one being written (removeStaleTemps).
 */
export function tempFileFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

// `.<name>.<pid>.<12 hex>.tmp`, and `.<name>.<12 hex>.tmp` as versions before the pid wrote it.
const TEMP_NAME = /^\..+?\.(?:(\d+)\.)?[0-9a-f]{12}\.tmp$/;
/** A temp file without a pid is taken for left over once it is this old (a write takes far less). */
const UNNAMED_STALE_MS = 60_000;

/**
 * Removes the temp files of writes that never finished (their process was killed) from `dir`: only
 * names of this module's pattern, only regular files, and only when their process is gone. Returns
 * the files removed; a folder that cannot be read is left as it is.
 */
export async function removeStaleTemps(dir: string, now: number = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await nodeFs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const file = path.join(dir, name);
    try {
      const info = await nodeFs.lstat(file);
      if (!info.isFile()) continue;
      const pid = match[1] === undefined ? null : Number(match[1]);
      const stale = pid === null ? now - info.mtimeMs > UNNAMED_STALE_MS : pid !== process.pid && !isAlive(pid);
      if (!stale) continue;
      await nodeFs.rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Replaces `file` with `data` so that a crash or error at any point leaves either the old or the new
 * content, never a mix: write a temp file in the same directory (same file system, so rename is atomic),
 * flush it, rename it over the target, then flush the directory so the rename itself survives a crash.
 */
export async function atomicWrite(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeAtomicFs;
  const dir = path.dirname(file);
  const temp = tempFileFor(file);
  try {
    // 'wx' refuses to follow or reuse an existing path, so a planted symlink cannot redirect the write.
    const handle = await fs.open(temp, 'wx', options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(fs, dir);
}

async function syncDirectory(fs: AtomicFs, dir: string): Promise<void> {
  // Windows cannot open a directory for flushing; there the rename is already durable enough.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
