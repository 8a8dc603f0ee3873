import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';

/** The folder a project's relative paths start from: its file's folder, or null while unsaved. */
export function projectDirOf(projectPath: string | null): string | null {
  if (projectPath === null) return null;
  if (!path.isAbsolute(projectPath)) throw new AppFailure('E_INVALID_REQUEST', `The path "${projectPath}" is not absolute.`);
  return path.dirname(path.normalize(projectPath));
}
