import * as fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { draftSchema, type Draft, type SetAside } from '../../../shared/ipc/contract.ts';
import { parseJson } from '../../../shared/json/bounded.ts';
import { atomicWrite } from './atomicWrite.ts';
import type { Log } from './log.ts';
import { checkProject, readJsonText } from './projects.ts';

// Draft ids become file names, so only a conservative alphabet is accepted.
const DRAFT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Where drafts that cannot be read are kept, inside the drafts folder. */
const SET_ASIDE_DIR = 'set-aside';

/** Unsaved work, kept so that it can be offered back after a crash. */
export interface Drafts {
  save(draftId: string, projectPath: string | null, project: unknown, unreviewed?: readonly string[]): Promise<void>;
  /** Every readable draft, newest first; unreadable ones are skipped and logged. */
  list(): Promise<Draft[]>;
  /** The drafts to offer back at start: every readable one, newest first; unreadable ones are moved aside and reported. */
  offer(): Promise<{ drafts: Draft[]; setAside: SetAside[] }>;
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

  /** A draft, or why it cannot be offered (said for the user; never a quote of the file). */
  async function read(file: string): Promise<Draft | string> {
    try {
      const json = parseJson(await readJsonText(file));
      if (!json.ok) return json.problem === 'limit' ? json.message : 'it is not valid JSON';
      const parsed = draftSchema.safeParse(json.value);
      if (!parsed.success) return 'it is not a draft this version of Assistant Studio can read';
      if (`${parsed.data.draftId}.json` !== path.basename(file)) return 'its draft id does not match its file name';
      return { ...parsed.data, project: checkProject(parsed.data.project) };
    } catch (error) {
      return error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
  }

  async function readAll(): Promise<{ drafts: Draft[]; unreadable: { file: string; reason: string }[] }> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { drafts: [], unreadable: [] };
      throw error;
    }
    const files = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => path.join(dir, n));
    const results = await Promise.all(files.map(async (file) => ({ file, result: await read(file) })));
    const drafts = results.flatMap(({ result }) => (typeof result === 'string' ? [] : [result])).sort((a, b) => b.savedAt - a.savedAt);
    const unreadable = results.flatMap(({ file, result }) => (typeof result === 'string' ? [{ file, reason: result }] : []));
    for (const { file, reason } of unreadable) log.warn(`skipped unreadable draft ${file}: ${reason}`);
    return { drafts, unreadable };
  }

  /** Moves an unreadable draft into drafts/set-aside, where it is never offered again but still there for the user. */
  async function setAside(file: string, reason: string): Promise<SetAside> {
    const asideDir = path.join(dir, SET_ASIDE_DIR);
    const keptAt = path.join(asideDir, `${Date.now()}-${path.basename(file)}`);
    try {
      await fs.mkdir(asideDir, { recursive: true, mode: 0o700 });
      await fs.rename(file, keptAt);
      return { kind: 'draft', name: file, reason, keptAt };
    } catch (error) {
      log.error(`could not move the unreadable draft ${file} aside`, error);
      return { kind: 'draft', name: file, reason, keptAt: null };
    }
  }

  const list = async (): Promise<Draft[]> => (await readAll()).drafts;
  return {
    async save(draftId, projectPath, project, unreviewed = []) {
      const file = fileOf(draftId);
      const draft: Draft = { draftId, path: projectPath, savedAt: now(), project: checkProject(project), unreviewed: [...unreviewed] };
      try {
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        await atomicWrite(file, JSON.stringify(draft), { mode: 0o600 });
      } catch (error) {
        // The window shows this to the user, so it names the folder and the cause rather than a generic failure.
        throw new AppFailure('E_IO', `Could not write the draft to ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
      }
    },
    list,
    async offer() {
      let found: Awaited<ReturnType<typeof readAll>>;
      try {
        found = await readAll();
      } catch (error) {
        // A drafts folder that cannot be listed must not stop the start either.
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
        log.error(`could not list the drafts in ${dir}`, error);
        return { drafts: [], setAside: [{ kind: 'draft', name: dir, reason: `the drafts folder cannot be read (${code})`, keptAt: null }] };
      }
      return { drafts: found.drafts, setAside: await Promise.all(found.unreadable.map(({ file, reason }) => setAside(file, reason))) };
    },
    async discard(draftId) {
      await fs.rm(fileOf(draftId), { force: true });
    },
    async discardForPath(projectPath) {
      const stale = (await list()).filter((d) => d.path === projectPath);
      await Promise.all(stale.map((d) => fs.rm(fileOf(d.draftId), { force: true })));
    },
  };
}
