import { PROJECT_EXTENSION } from '../../shared/graph/project.ts';
import { randomId } from '../../shared/ids.ts';
import { invoke, toAppError } from '../api/index.ts';
import { unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { readProject } from './documents.ts';

/** Identifies this window's autosaved draft; a new window never overwrites another's draft. */
export const DRAFT_ID = randomId('w_');

const isUnsupported = (error: unknown) => toAppError(error).code === 'E_UNSUPPORTED';

export function withProjectSuffix(path: string): string {
  const trimmed = path.trim();
  if (trimmed.endsWith(PROJECT_EXTENSION)) return trimmed;
  return `${trimmed.replace(/\.json$/, '')}${PROJECT_EXTENSION}`;
}

export async function discardDraft(draftId = DRAFT_ID): Promise<void> {
  try {
    await invoke('app:draft/discard', { draftId });
  } catch {
    // A draft that cannot be removed is only a stale recovery offer next time; nothing to tell the user.
  }
}

/** Saves to `path`; returns whether the project was written. */
export async function saveTo(path: string): Promise<boolean> {
  const state = useProjectStore.getState();
  const { project, path: previousPath } = state;
  const target = withProjectSuffix(path);
  try {
    const response = await invoke('app:project/save', { path: target, previousPath, project, unreviewed: unreviewedNodes(state) });
    useProjectStore.getState().markSaved(response.document.path ?? target, project);
    useUiStore.getState().pushToast('info', `Saved ${project.name}`);
    return true;
  } catch (error) {
    useUiStore.getState().showError('Could not save the project', toAppError(error));
    return false;
  }
}

/** Save As: the native dialog where there is one, otherwise the in-app one (which calls `saveTo`). */
export async function saveAs(): Promise<boolean> {
  const { project } = useProjectStore.getState();
  try {
    const { path } = await invoke('app:dialog/saveProject', { suggestedName: `${project.name || 'Untitled'}${PROJECT_EXTENSION}` });
    return path ? saveTo(path) : false;
  } catch (error) {
    if (isUnsupported(error)) {
      return new Promise<boolean>((resolve) => useUiStore.getState().openDialog({ type: 'saveAs', resolve }));
    }
    useUiStore.getState().showError('Could not save the project', toAppError(error));
    return false;
  }
}

export async function save(): Promise<boolean> {
  const { path } = useProjectStore.getState();
  return path ? saveTo(path) : saveAs();
}

/** Asks about unsaved changes before `action`; resolves to whether the action may go ahead. */
async function confirmLeave(action: string): Promise<boolean> {
  if (!useProjectStore.getState().dirty) return true;
  const choice = await useUiStore.getState().askUnsaved(action);
  if (choice === 'cancel') return false;
  if (choice === 'discard') return true;
  return save();
}

/** New project: after the unsaved-changes question, the gallery (blank or a template). */
export async function newProject(): Promise<void> {
  if (!(await confirmLeave('starting a new project'))) return;
  useUiStore.getState().openDialog({ type: 'newProject' });
}

/** Opens the project at `path`; on failure shows why and leaves the current project untouched. */
export async function openPath(path: string, options: { confirmed?: boolean } = {}): Promise<boolean> {
  if (!options.confirmed && !(await confirmLeave('opening another project'))) return false;
  try {
    const response = await invoke('app:project/open', { path });
    const read = readProject(response.document.project);
    if (!read.ok) {
      useUiStore.getState().showError('Could not open the project', read.error);
      return false;
    }
    useProjectStore.getState().loadDocument(read.project, response.document.path ?? path, { unreviewed: response.document.unreviewed });
    if (response.migratedFrom !== null) {
      useUiStore.getState().pushToast('info', `Upgraded from project format ${response.migratedFrom}; saving writes the new format.`);
    }
    return true;
  } catch (error) {
    useUiStore.getState().showError('Could not open the project', toAppError(error));
    return false;
  }
}

/** Open: the native dialog where there is one, otherwise the in-app dialog with recent projects. */
export async function openProject(): Promise<void> {
  if (!(await confirmLeave('opening another project'))) return;
  try {
    const { path } = await invoke('app:dialog/openProject', {});
    if (path) await openPath(path, { confirmed: true });
  } catch (error) {
    if (isUnsupported(error)) useUiStore.getState().openDialog({ type: 'open' });
    else useUiStore.getState().showError('Could not open the project', toAppError(error));
  }
}
