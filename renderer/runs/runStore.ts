import { create } from 'zustand';
import type { AttachmentUpload } from '../../shared/ipc/filesChannels.ts';
import { isRunStatusEvent, type RunEvent } from '../../shared/runtime/events.ts';
import type { Run, Thread } from '../../shared/runtime/objects.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';
import { invoke, onAppEvent, toAppError } from '../api/index.ts';
import { unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { activeRunOf } from './chatEntries.ts';
import { emptyFold, foldEvents, loadSteps, loadThread, showThread, type FoldState } from './fold.ts';

/** An error to show inline in the panel, with the action that failed. */
interface PanelError {
  title: string;
  message: string;
  details: readonly string[];
}

export interface RunStoreState {
  /** The Assistant node whose threads the panel shows. */
  assistantNodeId: string | null;
  threads: readonly Thread[];
  threadId: string | null;
  fold: FoldState;
  /** The run the Steps tab shows; null follows the latest run. */
  stepsRunId: string | null;
  /** The run panel's view: the conversation or the steps. */
  runTab: 'chat' | 'steps';
  setRunTab: (tab: 'chat' | 'steps') => void;
  loading: boolean;
  error: PanelError | null;
  /** Whether the project at `path` may run its handlers (null until asked). */
  trust: { path: string | null; trusted: boolean } | null;

  selectAssistant: (nodeId: string | null) => Promise<void>;
  /** Lists the shown assistant's threads again (a client of the Assistants API made one); shows the newest if none is. */
  refreshThreads: () => Promise<void>;
  selectThread: (threadId: string | null) => Promise<void>;
  createThread: () => Promise<void>;
  renameThread: (title: string) => Promise<boolean>;
  deleteThread: () => Promise<void>;
  /** Sends a message and starts a run (in a new thread when none is selected); false when it failed. */
  /** Sends a message (with files for the code interpreter) and starts a run. */
  send: (text: string, attachments?: readonly AttachmentUpload[]) => Promise<boolean>;
  cancelRun: (runId: string) => Promise<void>;
  submitToolOutputs: (runId: string, outputs: readonly { tool_call_id: string; output: string }[]) => Promise<boolean>;
  showSteps: (runId: string | null) => void;
  loadSteps: (runId: string) => Promise<void>;
  checkTrust: (path: string | null) => Promise<void>;
  grantTrust: (path: string | null) => Promise<void>;
  /** Takes a run event from the app; events are folded once per animation frame. */
  ingest: (event: RunEvent) => void;
  dismissError: () => void;
}

const TITLE_LENGTH = 60;
/** The title the engine gives a thread created without one. */
const DEFAULT_TITLE = 'New thread';

/** A thread's title from the first message sent in it. */
function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line || DEFAULT_TITLE;
}

export const useRunStore = create<RunStoreState>()((set, get) => {
  const failed = (title: string, error: unknown) => {
    const app = toAppError(error);
    // Hosts often repeat a single detail inside the message; showing it twice reads as two problems.
    const details = (app.details ?? []).filter((d) => !app.message.includes(d));
    set({ error: { title, message: app.message, details } });
  };

  /** Runs an app call; a failure shows in the panel and resolves to null. */
  const attempt = async <T>(title: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      failed(title, error);
      return null;
    }
  };

  // Threads of the shown assistant that runs reported before the list had them (each is asked for once).
  const noticed = new Set<string>();
  const noticeThreads = (batch: readonly RunEvent[]) => {
    const { assistantNodeId, threads } = get();
    if (assistantNodeId === null) return;
    const reported = new Set<string>();
    for (const e of batch) if (isRunStatusEvent(e) && e.data.assistant_node_id === assistantNodeId) reported.add(e.data.thread_id);
    const unknown = [...reported].filter((id) => !noticed.has(id) && !threads.some((t) => t.id === id));
    if (unknown.length === 0) return;
    for (const id of unknown) noticed.add(id);
    void get().refreshThreads();
  };

  let queue: RunEvent[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length > 0) set((s) => ({ fold: foldEvents(s.fold, batch) }));
    noticeThreads(batch);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // A hidden window gets no animation frames, and the canvas still needs to learn when handlers stop.
    if (typeof requestAnimationFrame === 'function' && !document.hidden) requestAnimationFrame(flush);
    else setTimeout(flush, 50);
  };

  const stepsRequested = new Set<string>();

  return {
    assistantNodeId: null,
    threads: [],
    threadId: null,
    fold: emptyFold(),
    stepsRunId: null,
    runTab: 'chat',
    loading: false,
    error: null,
    trust: null,

    selectAssistant: async (nodeId) => {
      if (nodeId === get().assistantNodeId) return;
      set({ assistantNodeId: nodeId, threads: [], error: null });
      if (nodeId === null) return get().selectThread(null);
      const listed = await attempt('Could not load the threads', () => invoke('app:threads/list', { assistantNodeId: nodeId }));
      if (get().assistantNodeId !== nodeId) return;
      const threads = listed?.threads ?? [];
      set({ threads });
      await get().selectThread(threads[0]?.id ?? null);
    },

    refreshThreads: async () => {
      const nodeId = get().assistantNodeId;
      if (nodeId === null) return;
      const listed = await attempt('Could not load the threads', () => invoke('app:threads/list', { assistantNodeId: nodeId }));
      if (!listed || get().assistantNodeId !== nodeId) return;
      set({ threads: listed.threads });
      if (get().threadId === null && listed.threads[0]) await get().selectThread(listed.threads[0].id);
    },

    selectThread: async (threadId) => {
      stepsRequested.clear();
      set((s) => ({ threadId, stepsRunId: null, fold: showThread(s.fold, threadId), loading: threadId !== null }));
      if (threadId === null) return;
      const loaded = await attempt('Could not load the conversation', () =>
        Promise.all([invoke('app:messages/list', { threadId }), invoke('app:runs/list', { threadId })]),
      );
      if (get().threadId !== threadId) return;
      set((s) => ({
        loading: false,
        fold: loaded ? loadThread(s.fold, threadId, { messages: loaded[0].messages, runs: loaded[1].runs }) : s.fold,
      }));
    },

    createThread: async () => {
      const assistantNodeId = get().assistantNodeId;
      if (assistantNodeId === null) return;
      const created = await attempt('Could not create a thread', () => invoke('app:threads/create', { assistantNodeId }));
      if (!created || get().assistantNodeId !== assistantNodeId) return;
      set((s) => ({ threads: [created.thread, ...s.threads] }));
      await get().selectThread(created.thread.id);
    },

    renameThread: async (title) => {
      const threadId = get().threadId;
      if (threadId === null) return false;
      const renamed = await attempt('Could not rename the thread', () => invoke('app:threads/rename', { threadId, title }));
      if (!renamed) return false;
      set((s) => ({ threads: s.threads.map((t) => (t.id === threadId ? renamed.thread : t)) }));
      return true;
    },

    deleteThread: async () => {
      const threadId = get().threadId;
      if (threadId === null) return;
      const deleted = await attempt('Could not delete the thread', () => invoke('app:threads/delete', { threadId }));
      if (!deleted) return;
      const threads = get().threads.filter((t) => t.id !== threadId);
      set({ threads });
      if (get().threadId === threadId) await get().selectThread(threads[0]?.id ?? null);
    },

    send: async (text, attachments = []) => {
      const { assistantNodeId } = get();
      if (assistantNodeId === null) return false;
      set({ error: null });
      let threadId = get().threadId;
      if (threadId === null) {
        const created = await attempt('Could not create a thread', () => invoke('app:threads/create', { assistantNodeId, title: titleFrom(text) }));
        if (!created) return false;
        threadId = created.thread.id;
        set((s) => ({ threads: [created.thread, ...s.threads] }));
        await get().selectThread(threadId);
      }
      const thread = threadId;
      // A thread made with "New thread" takes its title from its first message, as one made by sending does.
      const current = get().threads.find((t) => t.id === thread);
      if (current?.title === DEFAULT_TITLE && get().fold.view.messages.length === 0) {
        const renamed = await attempt('Could not name the thread', () => invoke('app:threads/rename', { threadId: thread, title: titleFrom(text) }));
        if (renamed) set((s) => ({ threads: s.threads.map((t) => (t.id === thread ? renamed.thread : t)) }));
      }
      const state = useProjectStore.getState();
      const { project, path } = state;
      const started = await attempt('Could not start the run', () =>
        invoke('app:runs/create', {
          project,
          projectPath: path,
          unreviewed: unreviewedNodes(state),
          assistantNodeId,
          threadId: thread,
          message: text,
          ...(attachments.length > 0 ? { attachments: [...attachments] } : {}),
        }),
      );
      return started !== null;
    },

    cancelRun: async (runId) => {
      await attempt('Could not stop the run', () => invoke('app:runs/cancel', { runId }));
    },

    submitToolOutputs: async (runId, outputs) => {
      const submitted = await attempt('Could not submit the tool outputs', () => invoke('app:runs/submitToolOutputs', { runId, outputs: [...outputs] }));
      return submitted !== null;
    },

    showSteps: (runId) => set({ stepsRunId: runId, runTab: 'steps' }),
    setRunTab: (runTab) => set({ runTab }),

    loadSteps: async (runId) => {
      if (stepsRequested.has(runId)) return;
      stepsRequested.add(runId);
      const loaded = await attempt('Could not load the run steps', () => invoke('app:runs/steps', { runId }));
      if (loaded) set((s) => ({ fold: loadSteps(s.fold, runId, loaded.steps) }));
      else stepsRequested.delete(runId);
    },

    checkTrust: async (path) => {
      const answer = await attempt('Could not check whether the project is trusted', () => invoke('app:trust/get', { path }));
      if (answer) set({ trust: { path, trusted: answer.trusted } });
    },

    grantTrust: async (path) => {
      // What the user reviewed is what is open: the file is trusted with that content, and nothing waits any more.
      const projects = useProjectStore.getState();
      const answer = await attempt('Could not trust the project', () => invoke('app:trust/grant', { path, project: projects.project }));
      if (!answer) return;
      projects.markReviewed();
      if (path !== null) set({ trust: { path, trusted: answer.trusted } });
    },

    ingest: (event) => {
      queue.push(event);
      schedule();
    },

    dismissError: () => set({ error: null }),
  };
});

const NO_STEPS: readonly RunStep[] = [];

export const selectMessages = (s: RunStoreState) => s.fold.view.messages;
export const selectRuns = (s: RunStoreState) => s.fold.view.runs;
export const selectActiveRun = (s: RunStoreState): Run | null => activeRunOf(s.fold.view.runs);
/** The run the Steps tab shows: the chosen one, else the latest. */
export const selectStepsRun = (s: RunStoreState): Run | null =>
  (s.stepsRunId === null ? undefined : s.fold.view.runs.find((r) => r.id === s.stepsRunId)) ?? s.fold.view.runs.at(-1) ?? null;
export const selectStepsOf =
  (runId: string | null) =>
  (s: RunStoreState): readonly RunStep[] | null =>
    runId === null ? NO_STEPS : (s.fold.view.steps[runId] ?? null);
/** For the canvas: whether a Function node's handler is running now. */
export const selectIsNodeAtWork =
  (nodeId: string) =>
  (s: RunStoreState): boolean =>
    s.fold.activeNodeIds.includes(nodeId);

let listeners = 0;
let unsubscribe: (() => void) | null = null;

/**
 * Feeds the app's run events into the store while any caller is mounted. The app mounts it once, so
 * the canvas learns which handlers run even while the panel is hidden; the panel mounts it too.
 */
export function subscribeRunEvents(): () => void {
  listeners += 1;
  unsubscribe ??= onAppEvent((event) => {
    if (event.type === 'run.event') useRunStore.getState().ingest(event.event);
  });
  return () => {
    listeners -= 1;
    if (listeners === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}
