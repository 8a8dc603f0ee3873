import { create } from 'zustand';
import type { Connection, ConnectCheck } from '../../shared/graph/connect.ts';
import { freezeProject } from '../../shared/graph/freeze.ts';
import { createNode, uniqueFunctionName } from '../../shared/graph/nodes.ts';
import { trustedItemOf } from '../../shared/graph/trustedContent.ts';
import { emptyProject, type GraphNode, type Project, type ProjectSettings } from '../../shared/graph/project.ts';
import type { NodeKind } from '../../shared/kinds/index.ts';
import { autoLayoutPositions, type Size } from './autoLayout.ts';
import { clearShift } from '../canvas/placement.ts';
import { pasteFragment } from '../../shared/graph/clipboard.ts';
import { addElements, connectNodes, copySelection, duplicateNodes, moveNodes, patchNodeData, pasteInto, removeElements, type XY } from './graphEdits.ts';
import { insertImported, type ImportedGraph } from '../exports/importGraph.ts';
import { emptyHistory, record, redo, undo, type History } from './history.ts';
import { hostedStoreNodeIds } from './remoteStores.ts';
import { useUiStore } from './uiStore.ts';

interface Selection {
  nodeIds: readonly string[];
  edgeIds: readonly string[];
}

interface EditOptions {
  /** Consecutive edits with the same key within about a second form one undo step. */
  coalesceKey?: string;
}

const PASTE_STEP = 32;

/**
 * The offset for pasting `text` the `steps`-th time: at least that many steps down and right, and
 * further until none of its nodes lands on one already there (sizes estimated: the store has no DOM).
 */
function clearOffset(project: Project, text: string, steps: number): XY {
  const group = pasteFragment(text, { x: 0, y: 0 })?.nodes ?? [];
  return clearShift(group, project.nodes, () => undefined, PASTE_STEP, steps);
}
const NO_SELECTION: Selection = { nodeIds: [], edgeIds: [] };

export interface ProjectState {
  project: Project;
  /** The file the project was opened from or saved to; null until first saved. */
  path: string | null;
  /** The project as last opened or saved; null when the project was never saved in this form. */
  saved: Project | null;
  dirty: boolean;
  selection: Selection;
  history: History<Project>;
  /** Counts loaded documents, so the canvas can frame each newly opened project once. */
  documentSerial: number;
  /** How many times the same clipboard text was pasted in a row, so copies do not stack exactly. */
  pasteRun: { text: string; count: number };
  /**
   * Nodes whose handler code or outside Knowledge paths arrived by import, by paste from outside the
   * app or by a change to the file outside it, and that the user has not reviewed: they do not run
   * (see shared/graph/trustedContent.ts). Ids of removed nodes may linger (undo brings nodes back).
   */
  unreviewed: readonly string[];
  /** The last fragment this window copied, and whether it held unreviewed content: pasting it back brings nothing new. */
  lastCopy: { text: string; unreviewed: boolean } | null;

  loadDocument: (project: Project, path: string | null, options?: { dirty?: boolean; unreviewed?: readonly string[] }) => void;
  /** The user reviewed every node's content: none waits any more. */
  markReviewed: () => void;
  markSaved: (path: string, project: Project) => void;
  addNode: (kind: NodeKind, position: XY) => string;
  updateNodeData: (nodeId: string, patch: Readonly<Record<string, unknown>>, options?: EditOptions) => void;
  updateProject: (patch: { name?: string; settings?: Partial<ProjectSettings> }, options?: EditOptions) => void;
  /** Moves nodes; all moves of one drag (same `dragId`) form one undo step. */
  moveNodes: (positions: ReadonlyMap<string, XY>, dragId: number | null) => void;
  connect: (connection: Connection) => ConnectCheck;
  setSelection: (selection: Selection) => void;
  selectAll: () => void;
  deleteSelection: () => void;
  /** Removes nodes and edges; removing a File Search node with an OpenAI vector store then offers to delete the store. */
  deleteElements: (nodeIds: readonly string[], edgeIds: readonly string[]) => void;
  copySelection: () => string | null;
  /** Pastes clipboard text; returns false when the text is not a graph fragment. */
  paste: (text: string) => boolean;
  duplicateSelection: () => void;
  autoLayout: (sizeOf: (id: string) => Size | undefined) => void;
  /** Adds an imported graph as one undoable edit and selects it; returns why not when it cannot. */
  importGraph: (graph: ImportedGraph) => { ok: true } | { ok: false; message: string };
  undo: () => void;
  redo: () => void;
}

export const useProjectStore = create<ProjectState>()((set, get) => {
  /** Applies an edit that undo can revert. */
  const commit = (next: Project, extra: Partial<ProjectState> = {}, options: { coalesceKey?: string; coalesceWindowMs?: number } = {}) => {
    const { project, history, saved } = get();
    if (next === project) return;
    set({
      ...extra,
      project: freezeProject(next),
      dirty: next !== saved,
      history: record(history, project, { ...options, now: Date.now() }),
    });
  };

  const restore = (step: { history: History<Project>; state: Project } | null) => {
    if (!step) return;
    const ids = new Set<string>(step.state.nodes.map((n) => n.id));
    const edgeIds = new Set<string>(step.state.edges.map((e) => e.id));
    const { selection, saved } = get();
    set({
      project: step.state,
      history: step.history,
      dirty: step.state !== saved,
      selection: { nodeIds: selection.nodeIds.filter((id) => ids.has(id)), edgeIds: selection.edgeIds.filter((id) => edgeIds.has(id)) },
    });
  };

  /** The ids of `nodes` that carry content needing trust, added to the unreviewed ones. */
  const withUnreviewed = (nodes: readonly GraphNode[]): readonly string[] => {
    const added = nodes.filter((n) => trustedItemOf(n) !== null).map((n) => n.id);
    return added.length === 0 ? get().unreviewed : [...new Set([...get().unreviewed, ...added])];
  };

  const pasteText = (text: string, steps: number) => {
    const { project, lastCopy } = get();
    const result = pasteInto(project, text, clearOffset(project, text, steps));
    if (!result) return false;
    // Text from elsewhere (another app, a web page) may carry any code; this window's own copy only what it had.
    const foreign = lastCopy === null || lastCopy.text !== text || lastCopy.unreviewed;
    commit(result.project, {
      selection: { nodeIds: result.nodes.map((n) => n.id), edgeIds: [] },
      ...(foreign ? { unreviewed: withUnreviewed(result.nodes) } : {}),
    });
    return true;
  };

  return {
    project: emptyProject(),
    path: null,
    saved: null,
    dirty: false,
    selection: NO_SELECTION,
    history: emptyHistory(),
    documentSerial: 0,
    pasteRun: { text: '', count: 0 },
    unreviewed: [],
    lastCopy: null,

    loadDocument: (project, path, options) =>
      set((s) => ({
        documentSerial: s.documentSerial + 1,
        project: freezeProject(project),
        path,
        saved: options?.dirty ? null : project,
        dirty: options?.dirty ?? false,
        selection: NO_SELECTION,
        history: emptyHistory(),
        pasteRun: { text: '', count: 0 },
        unreviewed: options?.unreviewed ?? [],
      })),

    markReviewed: () => set({ unreviewed: [] }),

    markSaved: (path, project) => set((s) => ({ path, saved: freezeProject(project), dirty: s.project !== project })),

    addNode: (kind, position) => {
      const { project } = get();
      const node: GraphNode = kind === 'function' ? createNode('function', position, { name: uniqueFunctionName(project) }) : createNode(kind, position);
      commit(addElements(project, [node]), { selection: { nodeIds: [node.id], edgeIds: [] } });
      return node.id;
    },

    updateNodeData: (nodeId, patch, options) => {
      commit(patchNodeData(get().project, nodeId, patch), {}, { coalesceKey: options?.coalesceKey });
    },

    updateProject: (patch, options) => {
      const { project } = get();
      commit({ ...project, name: patch.name ?? project.name, settings: { ...project.settings, ...patch.settings } }, {}, { coalesceKey: options?.coalesceKey });
    },

    moveNodes: (positions, dragId) => {
      const next = moveNodes(get().project, positions);
      if (dragId === null) commit(next);
      else commit(next, {}, { coalesceKey: `drag:${dragId}`, coalesceWindowMs: Number.POSITIVE_INFINITY });
    },

    connect: (connection) => {
      const result = connectNodes(get().project, connection);
      if (!result.ok) return result;
      commit(result.project, { selection: { nodeIds: [], edgeIds: [result.edge.id] } });
      return { ok: true };
    },

    setSelection: (selection) => set({ selection }),

    selectAll: () => {
      const { project } = get();
      set({ selection: { nodeIds: project.nodes.map((n) => n.id), edgeIds: project.edges.map((e) => e.id) } });
    },

    deleteSelection: () => {
      const { selection } = get();
      get().deleteElements(selection.nodeIds, selection.edgeIds);
    },

    deleteElements: (nodeIds, edgeIds) => {
      const { project } = get();
      // Every way of deleting (Delete key, inspector, cut) ends here, so the offer is made in one place.
      const hosted = hostedStoreNodeIds(project, nodeIds);
      commit(removeElements(project, new Set(nodeIds), new Set(edgeIds)), { selection: NO_SELECTION });
      if (hosted.length > 0) useUiStore.getState().openDialog({ type: 'deleteRemote', nodeIds: hosted, providerId: project.settings.provider });
    },

    copySelection: () => {
      const { project, selection, unreviewed } = get();
      const text = copySelection(project, new Set(selection.nodeIds));
      if (text !== null) set({ lastCopy: { text, unreviewed: selection.nodeIds.some((id) => unreviewed.includes(id)) } });
      return text;
    },

    paste: (text) => {
      const run = get().pasteRun;
      const count = run.text === text ? run.count + 1 : 1;
      const pasted = pasteText(text, count);
      if (pasted) set({ pasteRun: { text, count } });
      return pasted;
    },

    duplicateSelection: () => {
      const { project, selection } = get();
      const result = duplicateNodes(project, new Set(selection.nodeIds), clearOffset(project, copySelection(project, new Set(selection.nodeIds)) ?? '', 1));
      if (!result) return;
      // A copy of content still waiting for review waits too.
      const waiting = selection.nodeIds.some((id) => get().unreviewed.includes(id));
      commit(result.project, {
        selection: { nodeIds: result.nodes.map((n) => n.id), edgeIds: [] },
        ...(waiting ? { unreviewed: withUnreviewed(result.nodes) } : {}),
      });
    },

    autoLayout: (sizeOf) => {
      const { project } = get();
      commit(moveNodes(project, autoLayoutPositions(project, sizeOf)));
    },

    importGraph: (graph) => {
      const result = insertImported(get().project, graph);
      if (!result.ok) return result;
      const added = result.project.nodes.filter((n) => result.nodeIds.includes(n.id));
      commit(result.project, { selection: { nodeIds: result.nodeIds, edgeIds: [] }, unreviewed: withUnreviewed(added) });
      return { ok: true };
    },

    undo: () => restore(undo(get().history, get().project)),
    redo: () => restore(redo(get().history, get().project)),
  };
});

export const selectCanUndo = (s: ProjectState) => s.history.past.length > 0;
export const selectCanRedo = (s: ProjectState) => s.history.future.length > 0;

/** Whether the node's content waits for the user's review (it arrived by import, paste or a change outside the app). */
export const selectIsUnreviewed = (nodeId: string) => (s: ProjectState) => s.unreviewed.includes(nodeId);

/** The unreviewed nodes the project still has, for requests that must not run them. */
export const unreviewedNodes = (s: Pick<ProjectState, 'project' | 'unreviewed'>): string[] =>
  s.unreviewed.filter((id) => s.project.nodes.some((n) => n.id === id));
