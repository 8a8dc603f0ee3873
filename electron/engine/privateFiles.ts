import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * The app's own data (the run database, settings, keys, drafts) is for the user who runs it: files
 * 0600 and the data folder 0700, whatever the umask. Files made by an earlier version with laxer modes
 * are tightened when they are next opened.
 */

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Narrows an existing path's mode to `mode` when it lets anyone else in; a path of another owner is left as it is. */
function tighten(file: string, mode: number): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, mode);
  } catch {
    // Missing, or not ours to change.
  }
}

/** Makes the folder (and its missing parents) if needed, readable by its owner only. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  tighten(dir, PRIVATE_DIR);
}

/** Makes `file` private: created empty with mode 0600 when missing, narrowed to 0600 when it exists. */
export function privateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE));
  tighten(file, PRIVATE_FILE);
}

/** Narrows an existing file to 0600; a missing one stays missing. */
export function tightenFile(file: string): void {
  tighten(file, PRIVATE_FILE);
}
