import path from 'node:path';
import Conf from 'conf';
import type { SetAside } from '../../shared/ipc/contract.ts';
import type { AppSettings, SettingsStore } from '../backend/workspace/settings.ts';
import { setAsideUnreadableSettings } from '../backend/workspace/settingsFile.ts';
import { tightenFile } from '../engine/index.ts';

/**
 * Settings in `<dataDir>/config.json` through `conf` (atomic writes). A file that cannot be read is
 * set aside (renamed beside) rather than stopping the host: settings hold preferences and the recent
 * list, never user work. `setAside` says what was, for the window.
 */
export function confSettingsStore(dataDir: string): SettingsStore & { setAside: SetAside[] } {
  const file = path.join(dataDir, 'config.json');
  const aside = setAsideUnreadableSettings(file);
  tightenFile(file);
  // The recent list and the trusted projects are the user's alone, like the rest of the data folder.
  const conf = new Conf<AppSettings>({ projectName: 'assistant-studio', cwd: dataDir, clearInvalidConfig: true, configFileMode: 0o600 });
  return {
    get: () => conf.store,
    set: (next) => {
      conf.store = next;
    },
    setAside: aside ? [aside] : [],
  };
}
