import { useEffect } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { isEditableTarget } from './useShortcuts.ts';

/**
 * Copy, cut and paste of nodes through the system clipboard (plain text), so fragments move between
 * projects and windows. Text fields and the editor keep their own clipboard behaviour.
 */
export function useClipboard(): void {
  useEffect(() => {
    const applies = (e: ClipboardEvent) => {
      if (useUiStore.getState().dialog.type !== 'none' || isEditableTarget(e.target)) return false;
      // Text the user selected on the page (e.g. a problem message) copies as text.
      return !document.getSelection()?.toString();
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (!applies(e) || !e.clipboardData) return;
      const store = useProjectStore.getState();
      const text = store.copySelection();
      if (text === null) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      if (cut) store.deleteElements(store.selection.nodeIds, []);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (!applies(e) || !e.clipboardData) return;
      const text = e.clipboardData.getData('text/plain');
      if (text && useProjectStore.getState().paste(text)) e.preventDefault();
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, []);
}
