import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

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
 * Replaces `file` with `data` so that a crash or error at any point leaves either the old or the new
 * content, never a mix: write a temp file in the same directory (same file system, so rename is atomic),
 * flush it, rename it over the target, then flush the directory so the rename itself survives a crash.
 */
export async function atomicWrite(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeAtomicFs;
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
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
