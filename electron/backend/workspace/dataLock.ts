import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parseJson } from '../../../shared/json/bounded.ts';

/** The lock file beside the run database: who has the database open. */
export const DATA_LOCK_FILE = 'runs.lock';

/** Who holds a data directory's run database. */
export interface LockHolder {
  pid: number;
  /** For the user: "the Assistant Studio app", "npm run serve", … */
  owner: string;
}

/** The data directory's run database is open in another process (or another backend of this one). */
export class DataDirLocked extends Error {
  readonly holder: LockHolder;
  readonly lockFile: string;
  constructor(lockFile: string, holder: LockHolder) {
    super(`${path.dirname(lockFile)} is in use by ${holder.owner} (process ${holder.pid}).`);
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this holder's; safe to call twice. */
  release(): void;
}

// Lock files this process holds: a second backend of the same process must not share the database either.
const heldHere = new Set<string>();

function readHolder(file: string): { holder: LockHolder | null; text: string } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const read = parseJson(text);
  const parsed = (read.ok && read.value && typeof read.value === 'object' ? read.value : {}) as Partial<LockHolder>;
  if (Number.isInteger(parsed.pid) && typeof parsed.owner === 'string') return { holder: { pid: parsed.pid!, owner: parsed.owner }, text };
  // Half written by a process that died mid-write, or not ours: nobody holds it.
  return { holder: null, text };
}

/** Whether a process of this machine is running (possibly under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data directory's run database for this process: opening the store marks unfinished runs
 * failed, so two processes on one database would end each other's live runs. The lock is a file made
 * exclusively (`wx`) holding the pid; one left by a process that is gone is taken over. Throws
 * DataDirLocked while a live process holds it.
 */
export function lockDataDir(dataDir: string, owner: string): DataDirLock {
  const file = path.resolve(dataDir, DATA_LOCK_FILE);
  if (heldHere.has(file)) throw new DataDirLocked(file, { pid: process.pid, owner: `${owner} in this process` });
  const mine = `${JSON.stringify({ pid: process.pid, owner, since: new Date().toISOString() })}\n`;
  // A few rounds: a stale lock removed here may be taken by another process first, which then holds it.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      heldHere.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          try {
            if (readFileSync(file, 'utf8') === mine) unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = readHolder(file);
    if (found === null) continue;
    if (found.holder && found.holder.pid !== process.pid && isAlive(found.holder.pid)) throw new DataDirLocked(file, found.holder);
    // Stale (its process is gone, or it names this process, which holds no lock here): removed only if it
    // is still the same file, so a lock another process has just taken over stays.
    try {
      if (readFileSync(file, 'utf8') === found.text) unlinkSync(file);
    } catch {
      // Removed meanwhile; the next round sees.
    }
  }
  const last = readHolder(file)?.holder;
  throw new DataDirLocked(file, last ?? { pid: 0, owner: 'another process' });
}
