import type { Command } from './useCommands.ts';

export interface Shortcut {
  command: Command;
  description: string;
  /** Keys as shown to the user; "Mod" is Cmd on macOS and Ctrl elsewhere. */
  keys: readonly string[];
  /** Whether the shortcut also applies while typing in a field (saving does, undo does not). */
  global?: boolean;
  matches: (e: KeyboardEvent, mod: boolean) => boolean;
}

const key = (e: KeyboardEvent) => e.key.toLowerCase();

/** Keyboard shortcuts of the window; the shortcuts dialog lists exactly these. */
export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'file.open', description: 'Open a project', keys: ['Mod+O'], global: true, matches: (e, mod) => mod && !e.shiftKey && key(e) === 'o' },
  { command: 'file.save', description: 'Save', keys: ['Mod+S'], global: true, matches: (e, mod) => mod && !e.shiftKey && key(e) === 's' },
  { command: 'file.saveAs', description: 'Save as', keys: ['Mod+Shift+S'], global: true, matches: (e, mod) => mod && e.shiftKey && key(e) === 's' },
  { command: 'edit.undo', description: 'Undo', keys: ['Mod+Z'], matches: (e, mod) => mod && !e.shiftKey && key(e) === 'z' },
  {
    command: 'edit.redo',
    description: 'Redo',
    keys: ['Mod+Shift+Z', 'Ctrl+Y'],
    matches: (e, mod) => (mod && e.shiftKey && key(e) === 'z') || (e.ctrlKey && key(e) === 'y'),
  },
  { command: 'edit.duplicate', description: 'Duplicate the selection', keys: ['Mod+D'], matches: (e, mod) => mod && key(e) === 'd' },
  { command: 'edit.selectAll', description: 'Select everything', keys: ['Mod+A'], matches: (e, mod) => mod && key(e) === 'a' },
  { command: 'edit.selectNone', description: 'Clear the selection', keys: ['Escape'], matches: (e, mod) => !mod && e.key === 'Escape' },
  {
    command: 'edit.delete',
    description: 'Delete the selection',
    keys: ['Delete', 'Backspace'],
    matches: (e, mod) => !mod && (e.key === 'Delete' || e.key === 'Backspace'),
  },
  { command: 'view.fitView', description: 'Fit the graph in view', keys: ['Shift+1'], matches: (e) => e.shiftKey && e.code === 'Digit1' },
  { command: 'view.autoLayout', description: 'Auto-layout the graph', keys: ['Mod+Shift+L'], matches: (e, mod) => mod && e.shiftKey && key(e) === 'l' },
  { command: 'view.toggleSnap', description: 'Snap to grid on or off', keys: ['Mod+Shift+G'], matches: (e, mod) => mod && e.shiftKey && key(e) === 'g' },
  { command: 'view.toggleProblems', description: 'Show or hide problems', keys: ['Mod+Shift+M'], matches: (e, mod) => mod && e.shiftKey && key(e) === 'm' },
  { command: 'help.shortcuts', description: 'Keyboard shortcuts', keys: ['?'], matches: (e, mod) => !mod && e.key === '?' },
];

/** Copy, cut and paste go through the system clipboard events; listed in the dialog for completeness. */
export const CLIPBOARD_SHORTCUTS = [
  { description: 'Copy the selected nodes', keys: ['Mod+C'] },
  { description: 'Cut the selected nodes', keys: ['Mod+X'] },
  { description: 'Paste nodes', keys: ['Mod+V'] },
  { description: 'Add to the selection', keys: ['Shift+click', 'Mod+click'] },
  { description: 'Select with a box', keys: ['Shift+drag'] },
] as const;

export const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

export const displayKeys = (keys: string) => keys.replace('Mod', isMac() ? '⌘' : 'Ctrl');
