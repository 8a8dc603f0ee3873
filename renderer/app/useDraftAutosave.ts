import { useEffect } from 'react';
import { invoke } from '../api/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { DRAFT_ID, discardDraft } from './fileActions.ts';

const DRAFT_DELAY_MS = 1000;

/**
 * Keeps a draft of unsaved work on the host, so a crash or a closed tab loses at most a second of it.
 * The draft goes away whenever the project is clean again (saved, opened, or undone to the saved state).
 */
export function useDraftAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useProjectStore.subscribe((state, previous) => {
      if (state.dirty && state.project !== previous.project) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          const { dirty, path, project } = useProjectStore.getState();
          if (dirty) invoke('app:draft/save', { draftId: DRAFT_ID, path, project }).catch(() => undefined);
        }, DRAFT_DELAY_MS);
      } else if (!state.dirty && previous.dirty) {
        if (timer) clearTimeout(timer);
        timer = null;
        void discardDraft();
      }
    });
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!useProjectStore.getState().dirty) return;
      event.preventDefault();
      // Older engines show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, []);
}
