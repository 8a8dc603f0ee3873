import path from 'node:path';
import Conf from 'conf';
import type { SetAside } from '../../shared/ipc/contract.ts';
import type { AppSettings, SettingsStore } from '../backend/workspace/settings.ts';
import { setAsideUnreadableSettings } from '../backend/workspace/settingsFile.ts';

/**
 * Settings in `<dataDir>/config.json` through `conf` (atomic writes). A file that cannot be read is
 * set aside (renamed beside) rather than stopping the host: settings hold preferences and the recent
 * list, never user work. `setAside` says what was, for the window.
 */
export function confSettingsStore(dataDir: string): SettingsStore & { setAside: SetAside[] } {
  const aside = setAsideUnreadableSettings(path.join(dataDir, 'config.json'));
  const conf = new Conf<AppSettings>({ projectName: 'assistant-studio', cwd: dataDir, clearInvalidConfig: true });
  return {
    get: () => conf.store,
    set: (next) => {
      conf.store = next;
    },
    setAside: aside ? [aside] : [],
  };
}
