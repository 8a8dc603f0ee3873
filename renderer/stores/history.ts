/**
 * Undo/redo over immutable snapshots. Pure: the store owns one `History` and replaces it on each edit,
 * so the behaviour is testable without React or zustand.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
  /** Key of the last recorded edit, so follow-up edits of the same thing merge into it. */
  readonly lastKey: string | null;
  readonly lastAt: number;
}

export interface RecordOptions {
  /** Edits with the same key close together in time form one undo step (e.g. typing in one field). */
  coalesceKey?: string;
  /** How close "close together" is; `Infinity` merges every edit with the key (e.g. one drag). */
  coalesceWindowMs?: number;
  now: number;
}

export const COALESCE_WINDOW_MS = 1000;
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [], lastKey: null, lastAt: 0 };
}

/** Records that the state is about to change from `before`. */
export function record<T>(history: History<T>, before: T, options: RecordOptions): History<T> {
  const key = options.coalesceKey ?? null;
  const window = options.coalesceWindowMs ?? COALESCE_WINDOW_MS;
  if (key !== null && key === history.lastKey && options.now - history.lastAt <= window && history.past.length > 0) {
    return { ...history, future: [], lastAt: options.now };
  }
  const past = [...history.past, before];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: options.now };
}

/** Steps back: returns the state to show and the new history, or null when there is nothing to undo. */
export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.past.at(-1);
  if (state === undefined) return null;
  return {
    state,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.future[0];
  if (state === undefined) return null;
  return {
    state,
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
  };
}
