import { create } from 'zustand';
import type { AppError } from '../../shared/errors.ts';
import type { KnowledgeReport } from '../../shared/ipc/filesChannels.ts';
import { invoke, onAppEvent, toAppError } from '../api/index.ts';
import { unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { knowledgeWarnings, type ShownProblem } from './knowledgeProblems.ts';

export interface IndexProgress {
  phase: 'files' | 'embeddings';
  done: number;
  total: number;
  path: string | null;
}

/** Indexing of one File Search node: running (with progress), or its last report or error. */
export interface IndexState {
  running: boolean;
  progress: IndexProgress | null;
  report: KnowledgeReport | null;
  error: AppError | null;
}

export type KnowledgeProblem = KnowledgeReport['problems'][number];

interface KnowledgeState {
  /** Keyed by File Search node id. */
  byNode: Readonly<Record<string, IndexState>>;
  sync: (nodeId: string) => Promise<void>;
  cancel: (nodeId: string) => Promise<void>;
}

const IDLE: IndexState = { running: false, progress: null, report: null, error: null };

export const useKnowledgeStore = create<KnowledgeState>()((set, get) => {
  const patch = (nodeId: string, change: Partial<IndexState>) =>
    set((s) => ({ byNode: { ...s.byNode, [nodeId]: { ...(s.byNode[nodeId] ?? IDLE), ...change } } }));

  return {
    byNode: {},

    sync: async (nodeId) => {
      if (get().byNode[nodeId]?.running) return;
      patch(nodeId, { running: true, progress: null, error: null });
      // Progress arrives as app events only while this sync runs, so the store listens only then.
      const stop = onAppEvent((event) => {
        if (event.type !== 'knowledge.progress' || event.nodeId !== nodeId) return;
        patch(nodeId, { progress: { phase: event.phase, done: event.done, total: event.total, path: event.path ?? null } });
      });
      const state = useProjectStore.getState();
      const { project, path } = state;
      try {
        const { report } = await invoke('app:knowledge/sync', { project, projectPath: path, nodeId, unreviewed: unreviewedNodes(state) });
        patch(nodeId, { running: false, progress: null, report });
      } catch (error) {
        patch(nodeId, { running: false, progress: null, error: toAppError(error) });
      } finally {
        stop();
      }
    },

    cancel: async (nodeId) => {
      try {
        await invoke('app:knowledge/cancel', { nodeId });
      } catch (error) {
        patch(nodeId, { error: toAppError(error) });
      }
    },
  };
});

let lastByNode: KnowledgeState['byNode'] | null = null;
let lastWarnings: readonly ShownProblem[] = [];

/** Every file the last indexing of each File Search node could not read, as warnings of its Knowledge node. */
export function selectKnowledgeWarnings(s: KnowledgeState): readonly ShownProblem[] {
  if (s.byNode !== lastByNode) {
    lastByNode = s.byNode;
    lastWarnings = knowledgeWarnings(Object.values(s.byNode).flatMap((state) => state.report?.problems ?? []));
  }
  return lastWarnings;
}

/** The percentage of a progress report, or null while the total is not known. */
export function progressPercent(progress: IndexProgress | null): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}
