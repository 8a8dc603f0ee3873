import * as fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { draftSchema, type Draft } from '../../../shared/ipc/contract.ts';
import { parseJson } from '../../../shared/json/bounded.ts';
import { atomicWrite } from './atomicWrite.ts';
import type { Log } from './log.ts';
import { checkProject, readJsonText } from './projects.ts';

// Draft ids become file names, so only a conservative alphabet is accepted.
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Unsaved work, kept so that it can be offered back after a crash. */
export interface Drafts {
  save(draftId: string, projectPath: string | null, project: unknown, unreviewed?: readonly string[]): Promise<void>;
  /** Every readable draft, newest first; unreadable ones are skipped and logged. */
  list(): Promise<Draft[]>;
  discard(draftId: string): Promise<void>;
  /** Discards the drafts of a project file once it has been saved. */
  discardForPath(projectPath: string): Promise<void>;
}

export function createDrafts(dataDir: string, log: Log, now: () => number = Date.now): Drafts {
  const dir = path.join(dataDir, 'drafts');
  const fileOf = (draftId: string): string => {
    if (!DRAFT_ID.test(draftId)) throw new AppFailure('E_INVALID_REQUEST', 'A draft id may only contain letters, digits, "_" and "-".');
    return path.join(dir, `${draftId}.json`);
  };

  async function read(file: string): Promise<Draft | null> {
    try {
      const read = parseJson(await readJsonText(file));
      if (!read.ok) throw new Error(read.message);
      const draft = draftSchema.parse(read.value);
      if (`${draft.draftId}.json` !== path.basename(file)) throw new Error('draft id does not match its file name');
      return { ...draft, project: checkProject(draft.project) };
    } catch (error) {
      log.warn(`skipped unreadable draft ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      return null;
    }
  }

  const list = async (): Promise<Draft[]> => {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const drafts = await Promise.all(names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => read(path.join(dir, n))));
    return drafts.filter((d): d is Draft => d !== null).sort((a, b) => b.savedAt - a.savedAt);
  };

  return {
    async save(draftId, projectPath, project, unreviewed = []) {
      const file = fileOf(draftId);
      const draft: Draft = { draftId, path: projectPath, savedAt: now(), project: checkProject(project), unreviewed: [...unreviewed] };
      try {
        await fs.mkdir(dir, { recursive: true });
        await atomicWrite(file, JSON.stringify(draft));
      } catch (error) {
        // The window shows this to the user, so it names the folder and the cause rather than a generic failure.
        throw new AppFailure('E_IO', `Could not write the draft to ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
      }
    },
    list,
    async discard(draftId) {
      await fs.rm(fileOf(draftId), { force: true });
    },
    async discardForPath(projectPath) {
      const stale = (await list()).filter((d) => d.path === projectPath);
      await Promise.all(stale.map((d) => fs.rm(fileOf(d.draftId), { force: true })));
    },
  };
}
