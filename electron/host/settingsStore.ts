import Conf from 'conf';
import type { AppSettings, SettingsStore } from '../backend/workspace/settings.ts';

/**
 * Settings in `<dataDir>/config.json` through `conf` (atomic writes). A damaged file is reset rather
 * than stopping the host: settings hold preferences and the recent list, never user work.
 */
export function confSettingsStore(dataDir: string): SettingsStore {
  const conf = new Conf<AppSettings>({ projectName: 'assistant-studio', cwd: dataDir, clearInvalidConfig: true });
  return {
    get: () => conf.store,
    set: (next) => {
      conf.store = next;
    },
  };
}
