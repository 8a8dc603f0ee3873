import { useSyncExternalStore } from 'react';
import { resolveTheme, useSettingsStore, watchSystemTheme } from '../stores/settingsStore.ts';

/** The theme in effect, following the OS when the setting is "system". */
export function useResolvedTheme(): 'light' | 'dark' {
  const theme = useSettingsStore((s) => s.theme);
  return useSyncExternalStore(watchSystemTheme, () => resolveTheme(theme));
}
