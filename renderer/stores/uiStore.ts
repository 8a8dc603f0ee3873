import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { AppError } from '../../shared/errors.ts';
import type { Draft } from '../../shared/ipc/contract.ts';

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** The one modal dialog that may be open at a time. */
type DialogState =
  | { type: 'none' }
  | { type: 'settings' }
  | { type: 'shortcuts' }
  | { type: 'open' }
  /** The gallery of New project: blank or a template. */
  | { type: 'newProject' }
  /** `resolve` tells a waiting action (e.g. New after "Save") whether the project was saved. */
  | { type: 'saveAs'; resolve?: (saved: boolean) => void }
  | { type: 'unsaved'; action: string; resolve: (choice: UnsavedChoice) => void }
  | { type: 'error'; title: string; error: AppError }
  | { type: 'recover'; drafts: readonly Draft[] }
  /** `assistantNodeId` preselects the assistant (the inspector's Export action). */
  | { type: 'export'; assistantNodeId: string | null }
  | { type: 'import' }
  /** The in-app Save As for a runtime file, where there is no native dialog. */
  | { type: 'saveFile'; fileId: string; filename: string }
  /** Removed File Search nodes with OpenAI vector stores: offers to delete the stores and files at `providerId`. */
  | { type: 'deleteRemote'; nodeIds: readonly string[]; providerId: string }
  /** Shows the project's code and outside paths (all of it to trust the file, or what changed) before they may run. */
  | { type: 'review'; path: string | null };

/** What the right-hand column shows. */
export type SideTab = 'inspector' | 'run';

interface Toast {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

interface UiState {
  dialog: DialogState;
  toasts: readonly Toast[];
  problemsOpen: boolean;
  /** Height of the Problems panel while it lists problems (empty, it folds to its header). */
  problemsHeight: number;
  /** Width of the side panel; null until the user resizes it (the Run tab is then a little wider than the Inspector). */
  sideWidth: number | null;
  snapToGrid: boolean;
  sideTab: SideTab;
  setSideTab: (tab: SideTab) => void;
  openDialog: (dialog: DialogState) => void;
  closeDialog: () => void;
  /** Asks whether to save unsaved changes before `action` (e.g. "opening another project"). */
  askUnsaved: (action: string) => Promise<UnsavedChoice>;
  showError: (title: string, error: AppError) => void;
  /** Shows a toast and returns its id; a sticky one stays until it is dismissed (by the user or its owner). */
  pushToast: (tone: Toast['tone'], message: string, options?: { sticky?: boolean }) => number;
  dismissToast: (id: number) => void;
  toggleProblems: () => void;
  toggleSnapToGrid: () => void;
  setProblemsHeight: (height: number) => void;
  setSideWidth: (width: number) => void;
}

const TOAST_MS = 5000;
let nextToastId = 1;

export const useUiStore = create<UiState>()(
  persist(
    (set, get) => ({
      dialog: { type: 'none' },
      toasts: [],
      problemsOpen: true,
      problemsHeight: 190,
      sideWidth: null,
      snapToGrid: false,
      sideTab: 'inspector',
      setSideTab: (sideTab) => set({ sideTab }),
      openDialog: (dialog) => set({ dialog }),
      closeDialog: () => {
        const { dialog } = get();
        // Closing the question without an answer is the same as Cancel.
        if (dialog.type === 'unsaved') dialog.resolve('cancel');
        if (dialog.type === 'saveAs') dialog.resolve?.(false);
        set({ dialog: { type: 'none' } });
      },
      askUnsaved: (action) =>
        new Promise<UnsavedChoice>((resolve) => {
          set({
            dialog: {
              type: 'unsaved',
              action,
              resolve: (choice) => {
                set({ dialog: { type: 'none' } });
                resolve(choice);
              },
            },
          });
        }),
      showError: (title, error) => set({ dialog: { type: 'error', title, error } }),
      pushToast: (tone, message, options = {}) => {
        const id = nextToastId++;
        // The newest toast replaces an identical one, so repeated attempts do not pile up.
        set((s) => ({ toasts: [...s.toasts.filter((t) => t.message !== message), { id, tone, message }].slice(-4) }));
        if (!options.sticky) setTimeout(() => get().dismissToast(id), TOAST_MS);
        return id;
      },
      dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
      toggleProblems: () => set((s) => ({ problemsOpen: !s.problemsOpen })),
      toggleSnapToGrid: () => set((s) => ({ snapToGrid: !s.snapToGrid })),
      setProblemsHeight: (problemsHeight) => set({ problemsHeight: Math.round(problemsHeight) }),
      setSideWidth: (sideWidth) => set({ sideWidth: Math.round(sideWidth) }),
    }),
    {
      name: 'assistant-studio.ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        problemsOpen: s.problemsOpen,
        problemsHeight: s.problemsHeight,
        sideWidth: s.sideWidth,
        snapToGrid: s.snapToGrid,
        sideTab: s.sideTab,
      }),
    },
  ),
);
