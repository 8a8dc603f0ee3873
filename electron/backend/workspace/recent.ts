import { access } from 'node:fs/promises';
import path from 'node:path';
import type { RecentEntry } from '../../../shared/ipc/contract.ts';
import { PROJECT_EXTENSION } from '../../../shared/graph/project.ts';
import { readSettings, updateSettings, type SettingsStore } from './settings.ts';

export const MAX_RECENT = 10;

/** Puts a project first in the recent list, without duplicates, keeping at most MAX_RECENT. */
export function addRecent(store: SettingsStore, file: string): void {
  updateSettings(store, (s) => ({ ...s, recent: [file, ...s.recent.filter((p) => p !== file)].slice(0, MAX_RECENT) }));
}

/** Takes a project off the recent list (one that cannot be reopened). */
export function removeRecent(store: SettingsStore, file: string): void {
  updateSettings(store, (s) => ({ ...s, recent: s.recent.filter((p) => p !== file) }));
}

const projectName = (file: string): string => {
  const base = path.basename(file);
  return base.endsWith(PROJECT_EXTENSION) && base.length > PROJECT_EXTENSION.length ? base.slice(0, -PROJECT_EXTENSION.length) : base;
};

/** The recent list as shown in menus and on the start screen, most recent first. */
export async function recentEntries(store: SettingsStore): Promise<RecentEntry[]> {
  const files = readSettings(store).recent;
  const exists = await Promise.all(
    files.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.map((file, i) => ({ path: file, name: projectName(file), exists: exists[i] === true }));
}
