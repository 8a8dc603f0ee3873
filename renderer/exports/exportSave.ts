import type { AppError } from '../../shared/errors.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { invoke, toAppError } from '../api/index.ts';
import { joinPath } from '../dialogs/FolderBrowser.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { exportFolderName } from './exportFiles.ts';
import type { ExportFormatId } from './useExportPreview.ts';

export type SaveOutcome =
  | { status: 'saved'; result: ResponseOf<'app:export/save'> }
  | { status: 'cancelled' }
  /** No native folder picker here (the web host): the dialog shows its own. */
  | { status: 'needs-folder' }
  | { status: 'failed'; error: AppError };

/** Writes the export into a new folder, named after the assistant, inside `parent`. */
export async function saveExportInto(parent: string, assistantNodeId: string, assistantName: string, format: ExportFormatId): Promise<SaveOutcome> {
  const { project, path } = useProjectStore.getState();
  try {
    const dir = joinPath(parent, exportFolderName(assistantName));
    const result = await invoke('app:export/save', { project, projectPath: path, assistantNodeId, format, dir });
    return { status: 'saved', result };
  } catch (error) {
    return { status: 'failed', error: toAppError(error) };
  }
}

/** Asks the native picker for a parent folder, then saves; says when the in-app picker is needed instead. */
export async function chooseFolderAndSave(assistantNodeId: string, assistantName: string, format: ExportFormatId): Promise<SaveOutcome> {
  try {
    const { path } = await invoke('app:dialog/chooseFolder', {});
    if (path === null) return { status: 'cancelled' };
    return await saveExportInto(path, assistantNodeId, assistantName, format);
  } catch (error) {
    const app = toAppError(error);
    return app.code === 'E_UNSUPPORTED' ? { status: 'needs-folder' } : { status: 'failed', error: app };
  }
}
