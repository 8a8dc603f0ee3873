import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import { trustedItems, type TrustedItem } from '../../../shared/graph/trustedContent.ts';
import type { ReviewedItem } from '../../../shared/ipc/trust.ts';
import { atomicWrite } from './atomicWrite.ts';
import { readSettings, updateSettings, type SettingsStore } from './settings.ts';

/**
 * Which projects may run their Function handlers and read Knowledge outside their folder. That is
 * content from the project file, so a project opened from disk (downloaded, cloned, sent by someone)
 * does neither until the user has trusted it. Trust belongs to a file's path and to the content it held
 * then (see shared/graph/trustedContent.ts): content changed outside the app since is not trusted with
 * it, so the window asks the user to review it before it runs.
 */
export interface Trust {
  /** Whether the project at `projectPath` is trusted; a never-saved project (null) always is. */
  isTrusted(projectPath: string | null): Promise<boolean>;
  /** The nodes of `project` (as read from `projectPath`) whose content was not trusted with the file. */
  unreviewed(projectPath: string, project: Project): Promise<string[]>;
  /** Every piece of trusted content of `project`, compared with what was trusted at `projectPath`. */
  review(projectPath: string | null, project: Project): Promise<ReviewedItem[]>;
  /** Trusts the project at `projectPath` from now on, with the content of `project` (the one the user reviewed). */
  grant(projectPath: string, project: Project): Promise<void>;
  /**
   * Carries trust along when `project` is saved to `savedPath`: the file there is trusted exactly when the
   * project was (its previous file was trusted, or it had none), so Save As cannot launder an untrusted
   * one; its content is trusted except the `unreviewed` nodes', which still wait for review when it reopens.
   */
  followSave(savedPath: string, previousPath: string | null, project: Project, unreviewed: readonly string[]): Promise<void>;
}

const isMissing = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** One spelling per file: absolute, symbolic links resolved (through the parent when the file is not there yet). */
export async function normaliseProjectPath(projectPath: string): Promise<string> {
  if (!path.isAbsolute(projectPath)) throw new AppFailure('E_INVALID_REQUEST', `The path "${projectPath}" is not absolute.`);
  const absolute = path.resolve(projectPath);
  try {
    return await realpath(absolute);
  } catch (error) {
    if (!isMissing(error)) return absolute;
  }
  try {
    return path.join(await realpath(path.dirname(absolute)), path.basename(absolute));
  } catch {
    return absolute;
  }
}

const realpath = (file: string): Promise<string> => fs.realpath(file);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface TrustOptions {
  /**
   * A private folder where the texts of trusted content are kept by their hash, so a review can show
   * what changed; without it a review shows only the new text.
   */
  contentDir?: string;
}

export function createTrust(settings: SettingsStore, options: TrustOptions = {}): Trust {
  const { contentDir } = options;
  const pathTrusted = (normalised: string): boolean => readSettings(settings).trustedProjects.includes(normalised);
  /** Item key → hash of its text when trusted; null for a path trusted before content was recorded. */
  const approvedOf = (normalised: string): Record<string, string> | null => readSettings(settings).trustedContent[normalised] ?? null;

  const keepTexts = async (items: readonly TrustedItem[]): Promise<void> => {
    if (contentDir === undefined) return;
    await fs.mkdir(contentDir, { recursive: true, mode: 0o700 });
    for (const item of items) {
      const file = path.join(contentDir, sha256(item.text));
      await fs.access(file).catch(() => atomicWrite(file, item.text, { mode: 0o600 }));
    }
  };
  const textOf = async (hash: string): Promise<string | null> =>
    contentDir === undefined ? null : fs.readFile(path.join(contentDir, hash), 'utf8').catch(() => null);

  const hashesOf = (items: readonly TrustedItem[]): Record<string, string> => Object.fromEntries(items.map((item) => [item.key, sha256(item.text)]));

  /** Trusts (with the content hashes `approved`) or distrusts the file at `normalised`. */
  const record = (normalised: string, approved: Record<string, string> | null): void => {
    updateSettings(settings, (s) => {
      const others = s.trustedProjects.filter((p) => p !== normalised);
      const { [normalised]: _previous, ...content } = s.trustedContent;
      if (approved === null) return { ...s, trustedProjects: others, trustedContent: content };
      return { ...s, trustedProjects: [normalised, ...others], trustedContent: { ...content, [normalised]: approved } };
    });
  };
  const trustWith = async (normalised: string, items: readonly TrustedItem[]): Promise<void> => {
    await keepTexts(items);
    record(normalised, hashesOf(items));
  };

  const review = async (projectPath: string | null, project: Project): Promise<ReviewedItem[]> => {
    const items = trustedItems(project);
    if (projectPath === null) return items.map((item) => ({ ...item, status: 'unchanged', before: null }));
    const normalised = await normaliseProjectPath(projectPath);
    let approved = pathTrusted(normalised) ? approvedOf(normalised) : {};
    if (approved === null) {
      // Trusted by an earlier version, which kept no content: what the file holds now is what was trusted.
      await trustWith(normalised, items);
      approved = approvedOf(normalised) ?? {};
    }
    const known = approved;
    return Promise.all(
      items.map(async (item): Promise<ReviewedItem> => {
        const hash = known[item.key];
        if (hash === undefined) return { ...item, status: 'added', before: null };
        if (hash === sha256(item.text)) return { ...item, status: 'unchanged', before: null };
        return { ...item, status: 'changed', before: await textOf(hash) };
      }),
    );
  };

  const isTrusted = async (projectPath: string | null): Promise<boolean> => projectPath === null || pathTrusted(await normaliseProjectPath(projectPath));

  return {
    isTrusted,
    review,
    async unreviewed(projectPath, project) {
      if (!(await isTrusted(projectPath))) return [];
      return (await review(projectPath, project)).filter((item) => item.status !== 'unchanged').map((item) => item.nodeId);
    },
    grant: async (projectPath, project) => trustWith(await normaliseProjectPath(projectPath), trustedItems(project)),
    async followSave(savedPath, previousPath, project, unreviewed) {
      const saved = await normaliseProjectPath(savedPath);
      const previous = previousPath === null ? null : await normaliseProjectPath(previousPath);
      if (previous !== null && !pathTrusted(previous)) {
        record(saved, null);
        return;
      }
      const waiting = new Set(unreviewed);
      const items = trustedItems(project);
      const reviewed = items.filter((item) => !waiting.has(item.nodeId));
      await keepTexts(reviewed);
      // Content still waiting keeps what was trusted of it before, so its review shows the change.
      const before = previous === null ? {} : (approvedOf(previous) ?? {});
      const kept = Object.fromEntries(
        items.filter((item) => waiting.has(item.nodeId) && before[item.key] !== undefined).map((item) => [item.key, before[item.key]!]),
      );
      record(saved, { ...kept, ...hashesOf(reviewed) });
    },
  };
}
