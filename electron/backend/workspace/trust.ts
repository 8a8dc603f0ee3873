import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { readSettings, updateSettings, type SettingsStore } from './settings.ts';

/**
 * Which projects may run their Function handlers. A handler is code from the project file, so a project
 * opened from disk (downloaded, cloned, sent by someone) runs none until the user has trusted it. Trust
 * belongs to a project file's path and is kept in the settings.
 */
export interface Trust {
  /** Whether handlers of the project at `projectPath` may run; a never-saved project (null) always may. */
  isTrusted(projectPath: string | null): Promise<boolean>;
  /** Trusts the project at `projectPath` from now on. */
  grant(projectPath: string): Promise<void>;
  /**
   * Carries trust along when a project is saved to `savedPath`: the file there is trusted exactly when the
   * project was (its previous file was trusted, or it had none), so Save As cannot launder an untrusted one.
   */
  followSave(savedPath: string, previousPath: string | null): Promise<void>;
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

export function createTrust(settings: SettingsStore): Trust {
  const trusted = async (projectPath: string): Promise<boolean> => readSettings(settings).trustedProjects.includes(await normaliseProjectPath(projectPath));

  const set = async (projectPath: string, value: boolean): Promise<void> => {
    const normalised = await normaliseProjectPath(projectPath);
    updateSettings(settings, (s) => {
      const others = s.trustedProjects.filter((p) => p !== normalised);
      return { ...s, trustedProjects: value ? [normalised, ...others] : others };
    });
  };

  return {
    isTrusted: async (projectPath) => projectPath === null || trusted(projectPath),
    grant: (projectPath) => set(projectPath, true),
    async followSave(savedPath, previousPath) {
      if (previousPath !== null && (await normaliseProjectPath(previousPath)) === (await normaliseProjectPath(savedPath))) return;
      await set(savedPath, previousPath === null || (await trusted(previousPath)));
    },
  };
}
