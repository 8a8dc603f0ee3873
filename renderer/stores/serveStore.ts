import { create } from 'zustand';
import type { ServeConfig, ServeStatus, ServeView } from '../../shared/ipc/serveChannels.ts';
import { invoke } from '../api/index.ts';

interface ServeState {
  /** The server's settings and status; null until loaded. The key itself is never kept here. */
  view: ServeView | null;
  load: () => Promise<void>;
  update: (change: Partial<ServeConfig>) => Promise<void>;
  newKey: () => Promise<void>;
  /** Takes a status the app pushed (`serve.statusChanged`). */
  statusChanged: (status: ServeStatus) => void;
}

export const useServeStore = create<ServeState>()((set) => ({
  view: null,
  load: async () => set({ view: await invoke('app:serve/get', {}) }),
  update: async (change) => set({ view: await invoke('app:serve/update', change) }),
  newKey: async () => set({ view: await invoke('app:serve/newKey', {}) }),
  statusChanged: (status) => set((s) => (s.view ? { view: { ...s.view, status } } : {})),
}));

/**
 * Puts the server's key (or the two variables client code reads) on the clipboard. The key is asked
 * for here, at the user's request, and goes out of scope once copied.
 */
export async function copyServeKey(what: 'key' | 'environment'): Promise<void> {
  const { key, baseUrl } = await invoke('app:serve/key', {});
  if (what === 'key') return navigator.clipboard.writeText(key);
  if (baseUrl === null) throw new Error('The server is not running, so it has no address yet.');
  return navigator.clipboard.writeText(`export OPENAI_BASE_URL=${baseUrl}\nexport OPENAI_API_KEY=${key}\n`);
}
