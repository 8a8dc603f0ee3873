import { useEffect } from 'react';
import { invoke, toAppError } from '../api/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { readProject } from './documents.ts';
import { setAsideNotice } from './setAside.ts';

/**
 * Loads the settings and the first project, offers to recover drafts left by earlier windows, and says
 * what the app could not read at start and left out.
 */
export function useStartup(): void {
  useEffect(() => {
    let cancelled = false;
    useSettingsStore
      .getState()
      .load()
      .catch((error: unknown) => {
        useUiStore.getState().pushToast('error', `Settings could not be loaded: ${toAppError(error).message}`);
      });
    invoke('app:project/initial', {})
      .then((initial) => {
        if (cancelled) return;
        const read = readProject(initial.document.project);
        if (read.ok) useProjectStore.getState().loadDocument(read.project, initial.document.path, { unreviewed: initial.document.unreviewed });
        else useUiStore.getState().showError('Could not open the last project', read.error);
        if (initial.drafts.length > 0) useUiStore.getState().openDialog({ type: 'recover', drafts: initial.drafts });
        for (const item of initial.setAside) useUiStore.getState().pushToast('info', setAsideNotice(item), { sticky: true });
      })
      .catch((error: unknown) => {
        if (!cancelled) useUiStore.getState().showError('Could not reach Assistant Studio', toAppError(error));
      });
    return () => {
      cancelled = true;
    };
  }, []);
}
