import { invoke, toAppError } from '../api/index.ts';
import { useUiStore } from '../stores/uiStore.ts';

/** Writes a runtime file where the user picked and says where it went. */
export async function saveRuntimeFileTo(fileId: string, path: string): Promise<boolean> {
  const ui = useUiStore.getState();
  try {
    const saved = await invoke('app:files/save', { fileId, path });
    ui.pushToast('info', `Saved to ${saved.path}`);
    return true;
  } catch (error) {
    ui.showError('Could not save the file', toAppError(error));
    return false;
  }
}

/**
 * Saves a runtime file: the native Save dialog where there is one, otherwise (the web host) the
 * in-app one, which browses the host's folders.
 */
export async function saveRuntimeFile(fileId: string, filename: string): Promise<void> {
  const ui = useUiStore.getState();
  try {
    const { path } = await invoke('app:dialog/saveFile', { suggestedName: filename });
    if (path !== null) await saveRuntimeFileTo(fileId, path);
  } catch (error) {
    const app = toAppError(error);
    if (app.code === 'E_UNSUPPORTED') ui.openDialog({ type: 'saveFile', fileId, filename });
    else ui.showError('Could not save the file', app);
  }
}
