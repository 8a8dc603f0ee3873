import { useMemo } from 'react';
import type { MenuCommand } from '../../shared/ipc/events.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { resolveTheme, useSettingsStore } from '../stores/settingsStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { toAppError } from '../api/index.ts';
import { newProject, openProject, save, saveAs } from './fileActions.ts';

/** Commands the menu, the keyboard and the buttons share. */
export type Command = MenuCommand | 'edit.selectNone' | 'view.toggleProblems' | 'view.toggleSnap' | 'help.shortcuts';

function toggleTheme(): void {
  const { theme, update } = useSettingsStore.getState();
  update({ theme: resolveTheme(theme) === 'dark' ? 'light' : 'dark' }).catch((error: unknown) => {
    useUiStore.getState().pushToast('error', `The theme could not be saved: ${toAppError(error).message}`);
  });
}

export function useCommands(): (command: Command) => void {
  const canvas = useCanvasActions();
  return useMemo(() => {
    const project = () => useProjectStore.getState();
    const ui = () => useUiStore.getState();
    const handlers: Record<Command, () => void> = {
      'file.new': () => void newProject(),
      'file.open': () => void openProject(),
      'file.save': () => void save(),
      'file.saveAs': () => void saveAs(),
      'edit.undo': () => project().undo(),
      'edit.redo': () => project().redo(),
      'edit.selectAll': () => project().selectAll(),
      'edit.selectNone': () => project().setSelection({ nodeIds: [], edgeIds: [] }),
      'edit.duplicate': () => project().duplicateSelection(),
      'edit.delete': () => project().deleteSelection(),
      'view.fitView': canvas.fitView,
      'view.zoomIn': canvas.zoomIn,
      'view.zoomOut': canvas.zoomOut,
      'view.autoLayout': canvas.autoLayout,
      'view.toggleTheme': toggleTheme,
      'view.settings': () => ui().openDialog({ type: 'settings' }),
      'view.toggleProblems': () => ui().toggleProblems(),
      'view.toggleSnap': () => ui().toggleSnapToGrid(),
      'help.shortcuts': () => ui().openDialog({ type: 'shortcuts' }),
    };
    return (command: Command) => handlers[command]();
  }, [canvas]);
}
