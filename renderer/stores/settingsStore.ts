import { create } from 'zustand';
import type { RequestOf, SettingsView, Theme } from '../../shared/ipc/contract.ts';
import { invoke } from '../api/index.ts';

interface SettingsState {
  settings: SettingsView | null;
  /** The theme in effect; "system" resolves through the OS preference. */
  theme: Theme;
  load: () => Promise<void>;
  update: (request: RequestOf<'app:settings/update'>) => Promise<void>;
  setSecret: (providerId: string, apiKey: string) => Promise<void>;
  clearSecret: (providerId: string) => Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set) => {
  const apply = (settings: SettingsView) => set({ settings, theme: settings.theme });
  return {
    settings: null,
    theme: 'system',
    load: async () => apply(await invoke('app:settings/get', {})),
    update: async (request) => {
      // Show a theme change at once; the saved settings follow.
      if (request.theme) set({ theme: request.theme });
      apply(await invoke('app:settings/update', request));
    },
    setSecret: async (providerId, apiKey) => apply(await invoke('app:secrets/set', { providerId, apiKey })),
    clearSecret: async (providerId) => apply(await invoke('app:secrets/clear', { providerId })),
  };
});

let query: MediaQueryList | null = null;
const darkQuery = () => (query ??= window.matchMedia('(prefers-color-scheme: dark)'));

export function resolveTheme(theme: Theme): 'light' | 'dark' {
  if (theme !== 'system') return theme;
  return darkQuery().matches ? 'dark' : 'light';
}

export function watchSystemTheme(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
