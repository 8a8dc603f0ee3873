import { useEffect } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { isMac, SHORTCUTS } from './shortcuts.ts';
import type { Command } from './useCommands.ts';

/** Text fields and Monaco keep their own keys (undo, delete, select all…). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('.monaco-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  return false;
}

export function useShortcuts(run: (command: Command) => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const mod = isMac() ? e.metaKey : e.ctrlKey;
      const shortcut = SHORTCUTS.find((s) => s.matches(e, mod));
      if (!shortcut) return;
      const dialogOpen = useUiStore.getState().dialog.type !== 'none';
      if (dialogOpen && !shortcut.global) return;
      if (!shortcut.global && isEditableTarget(e.target)) return;
      // With nothing selected, Delete and Escape keep whatever meaning they have where the focus is.
      const { nodeIds, edgeIds } = useProjectStore.getState().selection;
      if ((shortcut.command === 'edit.delete' || shortcut.command === 'edit.selectNone') && nodeIds.length + edgeIds.length === 0) return;
      e.preventDefault();
      run(shortcut.command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [run]);
}
