import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { atomicWrite } from './atomicWrite.ts';

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** A generated file: a `/`-separated path relative to the export folder, and its text. */
export interface FolderFile {
  path: string;
  content: string;
}

/** The absolute target of a relative export path; refuses anything that would land outside the folder. */
function inside(dir: string, relative: string): string {
  const target = path.resolve(dir, ...relative.split('/'));
  if (path.isAbsolute(relative) || relative === '' || !target.startsWith(dir + path.sep)) {
    throw new AppFailure('E_INTERNAL', `The export produced a file outside its folder: "${relative}".`);
  }
  return target;
}

/** Makes the export folder: a new one, or an existing empty one (so nothing of the user's is overwritten). */
async function prepareFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return null;
    throw new AppFailure('E_IO', `Could not check ${dir} (${codeOf(error) ?? 'unknown error'}).`);
  });
  if (existing) {
    if (!existing.isDirectory()) throw new AppFailure('E_INVALID_REQUEST', `${dir} is a file; choose a folder.`);
    if ((await readdir(dir)).length > 0)
      throw new AppFailure('E_INVALID_REQUEST', `${dir} is not empty; choose an empty or new folder so nothing in it is overwritten.`);
    return;
  }
  try {
    // Not recursive: a typo in a parent folder should not leave a trail of new folders.
    await mkdir(dir);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') throw new AppFailure('E_NOT_FOUND', `The folder ${path.dirname(dir)} does not exist.`);
    throw new AppFailure('E_IO', `Could not create ${dir} (${codeOf(error) ?? 'unknown error'}).`);
  }
}

/** Writes an export into `dir` (new or empty), each file atomically; returns the written paths, relative. */
export async function writeExportFolder(dir: string, files: readonly FolderFile[]): Promise<string[]> {
  if (!path.isAbsolute(dir)) throw new AppFailure('E_INVALID_REQUEST', `The path "${dir}" is not absolute.`);
  const root = path.normalize(dir).replace(/[\\/]+$/, '') || path.sep;
  const targets = files.map((file) => ({ target: inside(root, file.path), file }));
  await prepareFolder(root);
  for (const { target, file } of targets) {
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await atomicWrite(target, file.content);
    } catch (error) {
      throw new AppFailure('E_IO', `Could not write ${target} (${codeOf(error) ?? 'unknown error'}); the folder holds a partial export.`);
    }
  }
  return files.map((f) => f.path);
}
