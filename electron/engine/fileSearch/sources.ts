import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
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
}

/** A file on disk; hashing streams it, so memory stays flat however big it is. */
function fileSource(absolutePath: string, key: string): IngestSource {
  return {
    path: key,
    name: path.basename(absolutePath),
    size: async () => (await stat(absolutePath)).size,
    hash: () =>
      new Promise((resolve, reject) => {
        const hash = createHash('sha256');
        createReadStream(absolutePath)
          .on('data', (chunk) => hash.update(chunk))
          .on('error', reject)
          .on('end', () => resolve(hash.digest('hex')));
      }),
    read: async () => new Uint8Array(await readFile(absolutePath)),
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

/**
 * The files a Knowledge node selects. A file named directly is taken whatever its type (an
 * unsupported one is reported when it is indexed); folders and globs contribute only the selected,
 * supported types. Hidden files are skipped in folders and globs.
 */
export async function collectKnowledgeFiles(baseDir: string, selection: KnowledgeSelection, signal?: AbortSignal): Promise<CollectedFiles> {
  const types = new Set(selection.fileTypes.map((t) => t.trim().replace(/^\./, '').toLowerCase()).filter((t) => t !== ''));
  const wanted = (file: string): boolean => isSupported(file) && (types.size === 0 || types.has(extensionOf(file)));
  const found = new Map<string, string>();
  const problems: FileFailure[] = [];
  const add = (absolute: string): void => {
    const key = path.relative(baseDir, absolute).split(path.sep).join('/');
    found.set(key, absolute);
  };

  for (const raw of selection.paths) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (isDynamicPattern(entry)) {
      const matches = await glob(entry, { cwd: baseDir, absolute: true, dot: false, ignore: IGNORED, signal });
      const kept = matches.filter(wanted);
      if (kept.length === 0) problems.push({ path: entry, message: 'No supported files match this pattern.' });
      kept.forEach(add);
      continue;
    }
    const absolute = path.resolve(baseDir, entry);
    let info: Stats;
    try {
      info = await stat(absolute);
    } catch {
      problems.push({ path: entry, message: 'Not found.' });
      continue;
    }
    if (info.isFile()) {
      add(absolute);
    } else if (info.isDirectory()) {
      const matches = await glob('**/*', { cwd: absolute, absolute: true, dot: false, ignore: IGNORED, signal });
      const kept = matches.filter(wanted);
      if (kept.length === 0) problems.push({ path: entry, message: 'The folder holds no files of the selected types.' });
      kept.forEach(add);
    } else {
      problems.push({ path: entry, message: 'Not a file or a folder.' });
    }
  }
  const sources = [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, absolute]) => fileSource(absolute, key));
  return { sources, problems };
}
