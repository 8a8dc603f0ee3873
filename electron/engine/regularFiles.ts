import { createHash } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { AppFailure } from '../../shared/errors.ts';

/**
 * Reading files named by a project (Knowledge, attachments to copy): only regular files, never a device,
 * a FIFO or a socket, whatever a path or a symbolic link says. Opening is non-blocking, so a FIFO cannot
 * hold a thread of the pool; the kind is checked on the open descriptor, so a path swapped after a check
 * cannot slip through; reads stop at a bound and between chunks when the signal aborts.
 */

const CHUNK_BYTES = 1024 * 1024;

/** Why a path is not read: a short sentence for a problems list. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

class NotRegularFile extends AppFailure {
  constructor(file: string, info: Stats) {
    super('E_IO', `${file} is ${kindOf(info)}; only regular files are read.`);
  }
}

/** `stat` (following links, which never blocks) that refuses anything but a regular file. */
export async function statRegular(file: string): Promise<Stats> {
  const info = await stat(file);
  if (!info.isFile()) throw new NotRegularFile(file, info);
  return info;
}

async function openRegular(file: string): Promise<{ handle: FileHandle; info: Stats }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotRegularFile(file, info);
    return { handle, info };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Calls `take` with each chunk of the file, up to `maxBytes` (more is an error), stopping when `signal` aborts. */
async function eachChunk(file: string, options: ReadOptions, take: (chunk: Uint8Array) => void | Promise<void>): Promise<number> {
  const { handle, info } = await openRegular(file);
  try {
    if (info.size > options.maxBytes) throw tooLarge(file, info.size, options.maxBytes);
    const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(1, info.size + 1)));
    let total = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
      if (bytesRead === 0) return total;
      total += bytesRead;
      // A file that grows while read (or a /proc file that reports no size) still stops at the bound.
      if (total > options.maxBytes) throw tooLarge(file, total, options.maxBytes);
      await take(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

function tooLarge(file: string, bytes: number, maxBytes: number): AppFailure {
  return new AppFailure('E_IO', `${file} holds more than ${formatBytes(maxBytes)} (${formatBytes(bytes)} read); it is not read.`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

export interface ReadOptions {
  maxBytes: number;
  signal?: AbortSignal;
}

/** The whole of a regular file, at most `maxBytes`. */
export async function readRegular(file: string, options: ReadOptions): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const total = await eachChunk(file, options, (chunk) => {
    chunks.push(chunk.slice());
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** sha256 of a regular file, hex, streamed (memory stays flat however big it is). */
export async function hashRegular(file: string, options: ReadOptions): Promise<string> {
  const hash = createHash('sha256');
  await eachChunk(file, options, (chunk) => {
    hash.update(chunk);
  });
  return hash.digest('hex');
}

/** Copies a regular file to `target`, which must not exist yet. */
export async function copyRegular(file: string, target: string, options: ReadOptions): Promise<void> {
  const out = await open(target, 'wx', 0o600);
  try {
    await eachChunk(file, options, async (chunk) => {
      await out.write(chunk);
    });
  } finally {
    await out.close();
  }
}
