import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { atomicWrite } from './atomicWrite.ts';

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Writes bytes to a path the user chose, atomically. Only that one file is created or replaced: a
 * missing folder is an error (never created), and a folder at the path is never replaced.
 */
export async function saveBytesTo(file: string, bytes: Uint8Array): Promise<string> {
  if (!path.isAbsolute(file)) throw new AppFailure('E_INVALID_REQUEST', `The path "${file}" is not absolute.`);
  const target = path.normalize(file);
  const existing = await stat(target).catch((error: unknown) => {
    if (codeOf(error) === 'ENOENT') return null;
    throw new AppFailure('E_IO', `Could not check ${target} before saving (${codeOf(error) ?? 'unknown error'}).`);
  });
  if (existing && !existing.isFile()) throw new AppFailure('E_INVALID_REQUEST', `${target} is a folder or a special file; choose a file name.`);
  try {
    await atomicWrite(target, bytes);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') throw new AppFailure('E_NOT_FOUND', `The folder ${path.dirname(target)} does not exist.`);
    throw new AppFailure('E_IO', `Could not save ${target} (${codeOf(error) ?? 'unknown error'}).`);
  }
  return target;
}
