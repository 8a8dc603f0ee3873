import { create } from 'zustand';
import type { AssistantObject } from '../../shared/runtime/objects.ts';
import { invoke, toAppError } from '../api/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';

interface ApiAssistantsState {
  /** Assistants made through the Assistants API (the app's server), oldest first. */
  assistants: readonly AssistantObject[];
  /** Whether the list was asked for: it opens the run database, so only the Run panel asks. */
  loaded: boolean;
  load: () => Promise<void>;
  /** An API client changed the list (`assistants.changed`): asked for again if it is shown. */
  changed: () => void;
}

export const useApiAssistantsStore = create<ApiAssistantsState>()((set, get) => ({
  assistants: [],
  loaded: false,
  load: async () => {
    set({ loaded: true });
    // Without the list the panel still shows the canvas's assistants; the next change asks again.
    const listed = await invoke('app:assistants/list', {}).catch(() => null);
    if (listed) set({ assistants: listed.assistants });
  },
  changed: () => {
    if (get().loaded) void get().load();
  },
}));

/**
 * Adds an API assistant to the open project as a graph (through the importer), keeping its node id
 * equal to the assistant id without `asst_`, so the threads its clients made stay with it.
 */
export async function openAsGraph(assistant: AssistantObject): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    const imported = await invoke('app:import/definition', { text: JSON.stringify(assistant), servedByStudio: true });
    return useProjectStore.getState().importGraph(imported);
  } catch (error) {
    return { ok: false, message: toAppError(error).message };
  }
}
