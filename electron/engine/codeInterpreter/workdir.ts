import { lstat, mkdir, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { copyRegular } from '../regularFiles.ts';
import type { OutputFile, InputFile, WorkdirFile } from './types.ts';

/** Snapshot of the working directory: relative path → modification time (ns) and size. */
export type Snapshot = Map<string, string>;

/** Bounds on the scan, so that code writing a million files cannot stall the app after each execution. */
const MAX_ENTRIES = 5000;
/** What an entry costs at least on disk: empty files and folders take a block too. */
const BLOCK_BYTES = 4096;
/** The least time between two measurements of a working directory while code runs. */
const QUOTA_POLL_MS = 25;
const MAX_DEPTH = 8;
/** The largest file placed in the working directory (Knowledge and attachments; attachments are smaller). */
const MAX_COPY_BYTES = 1024 ** 3;

const MIME: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.html': 'text/html',
  '.xml': 'application/xml',
  '.py': 'text/x-python',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.parquet': 'application/vnd.apache.parquet',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const mimeOf = (name: string): string => MIME[extname(name).toLowerCase()] ?? 'application/octet-stream';

const inside = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** A relative path inside the working directory, or a failure for names that try to leave it. */
function safeRelativeName(name: string): string {
  const parts = name
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..' || p.includes('\0')) || /^[a-zA-Z]:/.test(name)) {
    throw new AppFailure('E_INVALID_REQUEST', `"${name}" is not a file name that can go into the working directory.`);
  }
  return parts.join('/');
}

/**
 * Places files in the working directory. The code may have left symlinks there, so an existing entry
 * is removed rather than written through, and the parent must resolve inside the directory.
 */
export async function addFiles(workdir: string, codeWorkdir: string, files: readonly InputFile[]): Promise<WorkdirFile[]> {
  const root = await realpath(workdir);
  const added: WorkdirFile[] = [];
  for (const file of files) {
    const name = safeRelativeName(file.name);
    const target = join(root, ...name.split('/'));
    const parent = join(target, '..');
    await mkdir(parent, { recursive: true });
    const realParent = await realpath(parent);
    if (realParent !== root && !inside(realParent, root)) throw new AppFailure('E_INVALID_REQUEST', `"${name}" would land outside the working directory.`);
    await rm(target, { force: true, recursive: true });
    if ('sourcePath' in file) await copyRegular(file.sourcePath, target, { maxBytes: MAX_COPY_BYTES });
    else await writeFile(target, file.data, { flag: 'wx' });
    added.push({ name, path: target, codePath: `${codeWorkdir}/${name}`, bytes: (await stat(target)).size });
  }
  return added;
}

/** Regular files only; symlinks are neither followed nor reported (they could point anywhere on this machine). */
export async function snapshot(workdir: string): Promise<Snapshot> {
  const result: Snapshot = new Map();
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (result.size >= MAX_ENTRIES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < MAX_DEPTH) await walk(path, depth + 1);
      else if (entry.isFile()) {
        const info = await lstat(path, { bigint: true }).catch(() => null);
        if (info?.isFile()) result.set(relative(workdir, path).split(sep).join('/'), `${info.mtimeNs}:${info.size}`);
      }
    }
  };
  await walk(workdir, 0);
  return result;
}

/** Files that are new or changed between two snapshots, in name order. */
export async function changedFiles(workdir: string, codeWorkdir: string, before: Snapshot, after: Snapshot): Promise<OutputFile[]> {
  const names = [...after.keys()].filter((name) => before.get(name) !== after.get(name)).sort();
  const files: OutputFile[] = [];
  for (const name of names) {
    const path = join(workdir, ...name.split('/'));
    const info = await lstat(path).catch(() => null);
    if (info?.isFile()) files.push({ name, path, codePath: `${codeWorkdir}/${name}`, bytes: info.size, mime: mimeOf(name) });
  }
  return files;
}

/**
 * The bytes a directory takes: the size of each file, each entry counting at least one block, symlinks
 * not followed. Counting stops once past `stopAbove` (all that matters then is that it is).
 */
export async function usedBytes(dir: string, stopAbove = Number.POSITIVE_INFINITY): Promise<number> {
  let total = 0;
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined && total <= stopAbove; next = pending.pop()) {
    const dir = next;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) pending.push(join(dir, entry.name));
    const sizes = await Promise.all(entries.map(async (entry) => (entry.isFile() ? ((await lstat(join(dir, entry.name)).catch(() => null))?.size ?? 0) : 0)));
    for (const size of sizes) total += Math.max(size, BLOCK_BYTES);
  }
  return total;
}

/**
 * Measures the working directory while code runs and calls `exceeded` once when it holds more than
 * `limitBytes`. Between two measurements the code may write on; the pause grows with the time one
 * measurement takes, so a large directory does not keep the app busy.
 */
export function watchQuota(dir: string, limitBytes: number, exceeded: () => void): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const check = async () => {
    const started = performance.now();
    const used = await usedBytes(dir, limitBytes);
    if (stopped) return;
    if (used > limitBytes) {
      exceeded();
      return;
    }
    timer = setTimeout(check, Math.max(QUOTA_POLL_MS, 4 * (performance.now() - started)));
    timer.unref();
  };
  timer = setTimeout(check, QUOTA_POLL_MS);
  timer.unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
