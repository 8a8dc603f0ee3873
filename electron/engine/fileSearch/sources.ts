import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { hashRegular, readRegular, statRegular } from '../regularFiles.ts';
import { extensionOf, isSupported } from './parsers.ts';
import type { FileFailure } from './types.ts';

/**
 * A document to index. The size and hash come before the bytes, so an unchanged or oversized file
 * is never loaded into memory.
 */
export interface IngestSource {
  /** Stable key of the document within its store, e.g. the path relative to the project folder. */
  path: string;
  /** File name shown with results; its extension chooses the parser. */
  name: string;
  size(): Promise<number>;
  /** sha256 of the bytes, hex. */
  hash(): Promise<string>;
  read(): Promise<Uint8Array>;
  /** The file's real path (symbolic links resolved) when the document is a file on disk. */
  file?: string;
}

// Hashing reads a whole file, before the indexer's own size limit applies; reading stops at a bound anyway.
const HASH_LIMIT_BYTES = 16 * 1024 ** 3;
const READ_LIMIT_BYTES = 1024 ** 3;

/** A regular file on disk; hashing streams it, so memory stays flat however big it is. */
function fileSource(absolutePath: string, key: string, signal: AbortSignal | undefined): IngestSource {
  return {
    path: key,
    name: path.basename(absolutePath),
    file: absolutePath,
    size: async () => (await statRegular(absolutePath)).size,
    hash: () => hashRegular(absolutePath, { maxBytes: HASH_LIMIT_BYTES, signal }),
    read: () => readRegular(absolutePath, { maxBytes: READ_LIMIT_BYTES, signal }),
  };
}

/** A document held in memory (the retrieval evaluator's corpus, pasted text). */
export function textSource(key: string, name: string, text: string): IngestSource {
  const bytes = new TextEncoder().encode(text);
  return {
    path: key,
    name,
    size: async () => bytes.byteLength,
    hash: async () => createHash('sha256').update(bytes).digest('hex'),
    read: async () => bytes,
  };
}

export interface KnowledgeSelection {
  /** Files, folders or globs, relative to `baseDir` (absolute paths are taken as they are). */
  paths: readonly string[];
  /** Extensions (with or without the dot) taken from folders and globs; empty means every supported type. */
  fileTypes: readonly string[];
}

export interface CollectedFiles {
  sources: IngestSource[];
  /** Paths that matched nothing or could not be listed. */
  problems: FileFailure[];
}

// Folders nobody means to search, and that can hold hundreds of thousands of files.
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** What a Knowledge path of a project that is not trusted gets instead of being read. */
export const OUTSIDE_PROJECT =
  'This path leads outside the project folder; files there are read only once you trust the project (until then only files inside its folder are).';

export interface CollectOptions {
  signal?: AbortSignal;
  /**
   * Only files whose real path (symbolic links resolved) is inside this folder are taken: the Knowledge
   * of a project the user has not trusted. Null: none is (an untrusted project that has no folder).
   * Absent: paths are taken wherever they lead.
   */
  confineTo?: string | null;
}

const IGNORED_NAMES = new Set(['node_modules', '.git']);

/**
 * Every file and symbolic link below `dir`, as the folder walk of a confined project sees them: links
 * are listed rather than followed (the glob library can only follow them or leave them out, and each
 * must be checked, and reported when it leads outside), hidden and ignored folders skipped.
 */
async function walkWithoutFollowing(dir: string, signal: AbortSignal | undefined): Promise<string[]> {
  const out: string[] = [];
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    signal?.throwIfAborted();
    const entries = await readdir(next, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.name.startsWith('.') || IGNORED_NAMES.has(entry.name)) continue;
      const full = path.join(next, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
    }
  }
  return out.sort();
}

/** Whether `file` is `root` or lies below it. */
const inside = (file: string, root: string): boolean => {
  const rel = path.relative(root, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
};

/**
 * The files a Knowledge node selects. A file named directly is taken whatever its type (an
 * unsupported one is reported when it is indexed); folders and globs contribute only the selected,
 * supported types. Hidden files are skipped in folders and globs; anything but a regular file (a
 * device, a named pipe, a socket, also behind a symbolic link) is never taken.
 */
export async function collectKnowledgeFiles(baseDir: string, selection: KnowledgeSelection, options: CollectOptions = {}): Promise<CollectedFiles> {
  const { signal } = options;
  const types = new Set(selection.fileTypes.map((t) => t.trim().replace(/^\./, '').toLowerCase()).filter((t) => t !== ''));
  const wanted = (file: string): boolean => isSupported(file) && (types.size === 0 || types.has(extensionOf(file)));
  const confined = options.confineTo !== undefined;
  const root = options.confineTo == null ? null : await realpath(options.confineTo).catch(() => null);
  const found = new Map<string, string>();
  const problems: FileFailure[] = [];
  const outside = new Set<string>();
  const within = async (absolute: string): Promise<boolean> => root !== null && inside(await realpath(absolute).catch(() => absolute), root);
  /** The file's real path when it may be read, else null (the entry it came from reports why). */
  const admit = async (absolute: string, entry: string): Promise<string | null> => {
    let real: string;
    let info: Stats;
    try {
      real = await realpath(absolute);
      info = await stat(real);
    } catch {
      return null;
    }
    if (confined && !(await within(real))) {
      outside.add(entry);
      return null;
    }
    return info.isFile() ? real : null;
  };
  const add = (absolute: string, real: string): void => {
    const key = path.relative(baseDir, absolute).split(path.sep).join('/');
    found.set(key, real);
  };
  const addMatches = async (matches: string[], entry: string, none: string): Promise<void> => {
    let kept = 0;
    for (const match of matches.filter(wanted)) {
      signal?.throwIfAborted();
      const real = await admit(match, entry);
      if (real === null) continue;
      add(match, real);
      kept += 1;
    }
    if (kept === 0 && !outside.has(entry)) problems.push({ path: entry, message: none });
  };
  // Where files may not lead outside, a glob leaves symbolic links out (folders list them, see above).
  const walk = { absolute: true, dot: false, ignore: IGNORED, signal, followSymbolicLinks: !confined } as const;

  for (const raw of selection.paths) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (isDynamicPattern(entry)) {
      await addMatches(await glob(entry, { ...walk, cwd: baseDir }), entry, 'No supported files match this pattern.');
    } else {
      const absolute = path.resolve(baseDir, entry);
      let info: Stats;
      try {
        info = await stat(absolute);
      } catch {
        problems.push({ path: entry, message: 'Not found.' });
        continue;
      }
      if (info.isDirectory()) {
        const none = 'The folder holds no files of the selected types.';
        if (!confined) await addMatches(await glob('**/*', { ...walk, cwd: absolute }), entry, none);
        else if (await within(absolute)) await addMatches(await walkWithoutFollowing(absolute, signal), entry, none);
        else outside.add(entry);
      } else if (info.isFile()) {
        const real = await admit(absolute, entry);
        if (real !== null) add(absolute, real);
      } else {
        problems.push({ path: entry, message: 'Not a regular file or a folder (a device, a named pipe or a socket); it is not read.' });
      }
    }
    if (outside.has(entry)) problems.push({ path: entry, message: OUTSIDE_PROJECT });
  }
  const sources = [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, real]) => fileSource(real, key, signal));
  return { sources, problems };
}
