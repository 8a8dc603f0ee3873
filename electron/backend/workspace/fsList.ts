import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { PROJECT_EXTENSION } from '../../../shared/graph/project.ts';
import type { DirEntry } from '../../../shared/ipc/contract.ts';

export interface Listing {
  dir: string;
  parent: string | null;
  entries: DirEntry[];
}

const ORDER: Record<DirEntry['kind'], number> = { dir: 0, project: 1, file: 2 };

async function kindOf(dir: string, entry: { name: string; isDirectory(): boolean; isSymbolicLink(): boolean }): Promise<DirEntry['kind']> {
  let isDir = entry.isDirectory();
  if (entry.isSymbolicLink())
    isDir = await fs.stat(path.join(dir, entry.name)).then(
      (s) => s.isDirectory(),
      () => false,
    );
  if (isDir) return 'dir';
  return entry.name.endsWith(PROJECT_EXTENSION) ? 'project' : 'file';
}

/**
 * The entries of a folder for the in-app file picker: folders first, then projects, then other files,
 * each by name; hidden entries are left out.
 */
export async function listDirectory(dir: string): Promise<Listing> {
  if (!path.isAbsolute(dir)) throw new AppFailure('E_INVALID_REQUEST', `The path "${dir}" is not absolute.`);
  const absolute = path.resolve(dir);
  let dirents: Dirent[];
  try {
    dirents = await fs.readdir(absolute, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('E_NOT_FOUND', `There is no folder at ${absolute}.`);
    if (code === 'ENOTDIR') throw new AppFailure('E_INVALID_REQUEST', `${absolute} is not a folder.`);
    throw new AppFailure('E_IO', `Could not list ${absolute} (${code ?? 'unknown error'}).`);
  }
  const visible = dirents.filter((d) => !d.name.startsWith('.'));
  const entries: DirEntry[] = await Promise.all(
    visible.map(async (d) => ({ name: d.name, path: path.join(absolute, d.name), kind: await kindOf(absolute, d) })),
  );
  entries.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
  const parent = path.dirname(absolute);
  return { dir: absolute, parent: parent === absolute ? null : parent, entries };
}
