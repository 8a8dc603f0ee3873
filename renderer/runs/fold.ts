import { isRunStatusEvent, type RunEvent } from '../../shared/runtime/events.ts';
import { isTerminalRunStatus, type Message, type Run } from '../../shared/runtime/objects.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';
import { applyMessageDelta, applyStepDelta, updateCall, upsertById } from './patch.ts';
import { admit, type Sequences } from './sequence.ts';

/** What the panel shows of one thread: its messages, runs, and the steps of each run it has loaded. */
export interface ThreadView {
  threadId: string | null;
  messages: readonly Message[];
  runs: readonly Run[];
  /** Steps by run id; a run missing here has not been loaded (its steps come on demand). */
  steps: Readonly<Record<string, readonly RunStep[]>>;
}

/** A Function handler that is running now. */
interface RunningHandler {
  runId: string;
  nodeId: string;
}

/** The panel's live state: the thread on screen, plus what every run reported, whichever thread it is in. */
export interface FoldState {
  view: ThreadView;
  /** Run id → thread id, learnt from run objects; deltas do not say which thread they belong to. */
  runThreads: Readonly<Record<string, string>>;
  sequences: Sequences;
  /** Handlers running now, by tool call id. */
  handlers: Readonly<Record<string, RunningHandler>>;
  /** What each run that is going now is doing: its Assistant node, and the tool nodes of its open tool steps. */
  activity: Readonly<Record<string, RunActivity>>;
  /**
   * Nodes at work now (sorted; the same array while it does not change): the Assistant while its model
   * answers, each tool while its call is open (File Search searching, Python running), a Function while
   * its handler runs.
   */
  activeNodeIds: readonly string[];
  /** Wires at work now, as `tool>assistant` node id pairs (sorted; the same array while unchanged). */
  activeWires: readonly string[];
}

/** A run that is going: its Assistant node and, per open tool step, the nodes of that step's calls. */
interface RunActivity {
  assistant: string;
  tools: Readonly<Record<string, readonly string[]>>;
}

export interface ThreadSnapshot {
  messages: readonly Message[];
  runs: readonly Run[];
}

const NO_IDS: readonly string[] = [];

const emptyView = (threadId: string | null): ThreadView => ({ threadId, messages: [], runs: [], steps: {} });

export const emptyFold = (): FoldState => ({
  view: emptyView(null),
  runThreads: {},
  sequences: {},
  handlers: {},
  activity: {},
  activeNodeIds: NO_IDS,
  activeWires: NO_IDS,
});

/** Switches the view to another thread (empty until its snapshot arrives); run tracking carries on. */
export const showThread = (state: FoldState, threadId: string | null): FoldState => ({ ...state, view: emptyView(threadId) });

/**
 * Merges what was loaded from the store with what events already delivered: an object that an event
 * delivered while the load was under way is newer than its stored copy, so it wins.
 */
function mergeLoaded<T extends { id: string }>(loaded: readonly T[], live: readonly T[]): readonly T[] {
  const liveById = new Map(live.map((item) => [item.id, item]));
  const merged = loaded.map((item) => liveById.get(item.id) ?? item);
  const loadedIds = new Set(loaded.map((item) => item.id));
  return [...merged, ...live.filter((item) => !loadedIds.has(item.id))];
}

/** Puts a loaded thread on screen, unless the view has moved on to another thread meanwhile. */
export function loadThread(state: FoldState, threadId: string, snapshot: ThreadSnapshot): FoldState {
  if (state.view.threadId !== threadId) return state;
  const runThreads = { ...state.runThreads };
  for (const run of snapshot.runs) runThreads[run.id] = run.thread_id;
  const view = { ...state.view, messages: mergeLoaded(snapshot.messages, state.view.messages), runs: mergeLoaded(snapshot.runs, state.view.runs) };
  return { ...state, runThreads, view };
}

/** Adds the loaded steps of one run of the thread on screen. */
export function loadSteps(state: FoldState, runId: string, steps: readonly RunStep[]): FoldState {
  if (state.runThreads[runId] !== state.view.threadId || state.view.threadId === null) return state;
  const merged = mergeLoaded(steps, state.view.steps[runId] ?? []);
  return { ...state, view: { ...state.view, steps: { ...state.view.steps, [runId]: merged } } };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** Recomputes the nodes and wires at work from the handlers and the runs' activity, keeping arrays that did not change. */
function withActive(state: FoldState, handlers: Readonly<Record<string, RunningHandler>>, activity: Readonly<Record<string, RunActivity>>): FoldState {
  const nodes = new Set(Object.values(handlers).map((h) => h.nodeId));
  const wires = new Set<string>();
  for (const [runId, run] of Object.entries(activity)) {
    const tools = [...Object.values(run.tools).flat(), ...Object.values(handlers).flatMap((h) => (h.runId === runId ? [h.nodeId] : []))];
    // While no tool is at work, the model is: thinking or writing.
    if (tools.length === 0) nodes.add(run.assistant);
    for (const tool of tools) {
      nodes.add(tool);
      wires.add(`${tool}>${run.assistant}`);
    }
  }
  const ids = [...nodes].sort();
  const pairs = [...wires].sort();
  return {
    ...state,
    handlers,
    activity,
    activeNodeIds: sameList(ids, state.activeNodeIds) ? state.activeNodeIds : ids.length === 0 ? NO_IDS : ids,
    activeWires: sameList(pairs, state.activeWires) ? state.activeWires : pairs.length === 0 ? NO_IDS : pairs,
  };
}

const GOING = new Set(['queued', 'in_progress']);

/**
 * The nodes of a step's built-in tool calls (ours carry the node they came from): File Search and the
 * Code Interpreter are at work while their call is open. A Function is at work while its handler runs,
 * which its own events say.
 */
const builtinNodesOf = (calls: readonly { type: string; node_id?: string | null }[]): string[] =>
  calls.flatMap((c) => (c.type !== 'function' && c.node_id ? [c.node_id] : []));

/** Activity drives the canvas, so it is tracked for every run, on screen or not. */
function trackActivity(state: FoldState, event: RunEvent): FoldState {
  switch (event.event) {
    case 'thread.run.step.handler_started':
      return withActive(state, { ...state.handlers, [event.data.tool_call_id]: { runId: event.runId, nodeId: event.data.node_id } }, state.activity);
    case 'thread.run.step.handler_finished': {
      if (!(event.data.tool_call_id in state.handlers)) return state;
      const { [event.data.tool_call_id]: _finished, ...rest } = state.handlers;
      return withActive(state, rest, state.activity);
    }
    case 'thread.run.step.delta': {
      // A call's first entry names its node; the step is open while it streams and runs.
      const run = state.activity[event.runId];
      const added = builtinNodesOf(event.data.delta.step_details.tool_calls);
      if (!run || added.length === 0) return state;
      const open = run.tools[event.data.id] ?? [];
      const tools = { ...run.tools, [event.data.id]: [...new Set([...open, ...added])] };
      return withActive(state, state.handlers, { ...state.activity, [event.runId]: { ...run, tools } });
    }
    case 'thread.run.step.created':
    case 'thread.run.step.in_progress':
    case 'thread.run.step.completed':
    case 'thread.run.step.failed':
    case 'thread.run.step.cancelled':
    case 'thread.run.step.expired': {
      const run = state.activity[event.runId];
      if (!run) return state;
      const step = event.data;
      const { [step.id]: _before, ...others } = run.tools;
      const nodes = step.status === 'in_progress' && step.step_details.type === 'tool_calls' ? builtinNodesOf(step.step_details.tool_calls) : [];
      const tools = nodes.length > 0 ? { ...others, [step.id]: nodes } : others;
      return withActive(state, state.handlers, { ...state.activity, [event.runId]: { ...run, tools } });
    }
    default: {
      if (!isRunStatusEvent(event)) return state;
      const going = GOING.has(event.data.status);
      if (going) {
        if (state.activity[event.runId]) return state;
        return withActive(state, state.handlers, { ...state.activity, [event.runId]: { assistant: event.data.assistant_node_id, tools: {} } });
      }
      // A run that stopped (ended, or waits for tool outputs) takes its activity with it; an ended one its handlers too.
      const { [event.runId]: _stopped, ...activity } = state.activity;
      const handlers = isTerminalRunStatus(event.data.status)
        ? Object.fromEntries(Object.entries(state.handlers).filter(([, h]) => h.runId !== event.runId))
        : state.handlers;
      if (!(event.runId in state.activity) && Object.keys(handlers).length === Object.keys(state.handlers).length) return state;
      return withActive(state, handlers, activity);
    }
  }
}

function changeSteps(view: ThreadView, runId: string, change: (steps: readonly RunStep[]) => readonly RunStep[]): ThreadView {
  const steps = view.steps[runId] ?? [];
  const next = change(steps);
  return next === steps ? view : { ...view, steps: { ...view.steps, [runId]: next } };
}

function changeStep(view: ThreadView, runId: string, stepId: string, change: (step: RunStep) => RunStep): ThreadView {
  return changeSteps(view, runId, (steps) => {
    const step = steps.find((s) => s.id === stepId);
    return step ? upsertById(steps, change(step)) : steps;
  });
}

/** Applies one event of a run in the thread on screen to the view. */
function applyToView(view: ThreadView, event: RunEvent): ThreadView {
  switch (event.event) {
    case 'thread.message.delta': {
      const message = view.messages.find((m) => m.id === event.data.id);
      return message ? { ...view, messages: upsertById(view.messages, applyMessageDelta(message, event.data.delta)) } : view;
    }
    case 'thread.run.step.delta':
      return changeStep(view, event.runId, event.data.id, (step) => applyStepDelta(step, event.data.delta));
    case 'thread.run.step.handler_started':
      return changeStep(view, event.runId, event.data.step_id, (step) =>
        updateCall(step, event.data.tool_call_id, (call) => ({ ...call, node_id: event.data.node_id })),
      );
    case 'thread.run.step.handler_logged':
      return changeStep(view, event.runId, event.data.step_id, (step) =>
        updateCall(step, event.data.tool_call_id, (call) => (call.type === 'function' ? { ...call, logs: [...call.logs, event.data.line] } : call)),
      );
    case 'thread.run.step.handler_finished':
      return changeStep(view, event.runId, event.data.step_id, (step) =>
        updateCall(step, event.data.tool_call_id, (call) => ({ ...call, duration_ms: event.data.duration_ms, error: event.data.error })),
      );
    default:
      if (isRunStatusEvent(event)) return { ...view, runs: upsertById(view.runs, event.data) };
      if (event.data.object === 'thread.run.step') {
        const step = event.data;
        return changeSteps(view, event.runId, (steps) => upsertById(steps, step));
      }
      return { ...view, messages: upsertById(view.messages, event.data) };
  }
}

/** The thread an event belongs to, from the object it carries or from its run. */
function threadOf(state: FoldState, event: RunEvent): string | undefined {
  return 'thread_id' in event.data ? event.data.thread_id : state.runThreads[event.runId];
}

function applyEvent(state: FoldState, event: RunEvent): FoldState {
  let next = trackActivity(state, event);
  if (isRunStatusEvent(event) && next.runThreads[event.runId] !== event.data.thread_id) {
    next = { ...next, runThreads: { ...next.runThreads, [event.runId]: event.data.thread_id } };
  }
  if (next.view.threadId === null || threadOf(next, event) !== next.view.threadId) return next;
  const view = applyToView(next.view, event);
  return view === next.view ? next : { ...next, view };
}

/** Folds run events into the state, each run's in `seq` order, dropping duplicates and stale ones. */
export function foldEvents(state: FoldState, events: readonly RunEvent[]): FoldState {
  let next = state;
  for (const event of events) {
    const admitted = admit(next.sequences, event);
    next = { ...next, sequences: admitted.sequences };
    for (const ready of admitted.ready) next = applyEvent(next, ready);
  }
  return next;
}
