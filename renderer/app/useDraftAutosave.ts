import { useEffect } from 'react';
import { invoke, toAppError } from '../api/index.ts';
import { unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { DRAFT_ID, discardDraft } from './fileActions.ts';

const DRAFT_DELAY_MS = 1000;

/**
 * Keeps a draft of unsaved work on the host, so a crash or a closed tab loses at most a second of it.
 * The draft goes away whenever the project is clean again (saved, opened, or undone to the saved state).
 * When drafts cannot be written the user is told once, with a notice that stays until autosave works again.
 */
export function useDraftAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    // The notice of the current streak of failed autosaves; every attempt fails alike, so one is enough.
    let failureNotice: number | null = null;
    const endStreak = (announce: boolean) => {
      if (failureNotice === null) return;
      const ui = useUiStore.getState();
      ui.dismissToast(failureNotice);
      failureNotice = null;
      if (announce) ui.pushToast('info', 'Autosave works again: unsaved changes are kept as a draft.');
    };
    const autosave = async () => {
      const state = useProjectStore.getState();
      const { dirty, path, project } = state;
      if (!dirty) return;
      try {
        await invoke('app:draft/save', { draftId: DRAFT_ID, path, project, unreviewed: unreviewedNodes(state) });
        endStreak(true);
      } catch (error) {
        if (failureNotice !== null || !useProjectStore.getState().dirty) return;
        const reason = toAppError(error).message;
        failureNotice = useUiStore
          .getState()
          .pushToast('error', `Autosave failed: ${reason} Until it works, unsaved changes live only in this window; save the project to keep them.`, {
            sticky: true,
          });
      }
    };
    const unsubscribe = useProjectStore.subscribe((state, previous) => {
      if (state.dirty && state.project !== previous.project) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          timer = null;
          void autosave();
        }, DRAFT_DELAY_MS);
      } else if (!state.dirty && previous.dirty) {
        if (timer) clearTimeout(timer);
        timer = null;
        // Nothing is left unsaved, so a failure notice has nothing left to warn about.
        endStreak(false);
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
      endStreak(false);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, []);
}
