import { describe, expect, it } from 'vitest';
import { COALESCE_WINDOW_MS, HISTORY_LIMIT, emptyHistory, record, redo, undo, type History } from '../../../renderer/stores/history.ts';

/** Applies edits to a number, recording each, the way the store does. */
function edit(h: History<number>, current: number, next: number, now: number, coalesceKey?: string, coalesceWindowMs?: number) {
  return { h: record(h, current, { now, coalesceKey, coalesceWindowMs }), value: next };
}

describe('history', () => {
  it('undoes and redoes single edits in order', () => {
    let h = emptyHistory<number>();
    let value = 0;
    ({ h, value } = edit(h, value, 1, 0));
    ({ h, value } = edit(h, value, 2, 5000));
    const u1 = undo(h, value)!;
    expect(u1.state).toBe(1);
    const u2 = undo(u1.history, u1.state)!;
    expect(u2.state).toBe(0);
    expect(undo(u2.history, u2.state)).toBeNull();
    const r1 = redo(u2.history, u2.state)!;
    expect(r1.state).toBe(1);
    const r2 = redo(r1.history, r1.state)!;
    expect(r2.state).toBe(2);
    expect(redo(r2.history, r2.state)).toBeNull();
  });

  it('merges edits with the same key within the window into one step', () => {
    let h = emptyHistory<number>();
    let value = 0;
    ({ h, value } = edit(h, value, 1, 1000, 'n1:name'));
    ({ h, value } = edit(h, value, 2, 1000 + COALESCE_WINDOW_MS / 2, 'n1:name'));
    ({ h, value } = edit(h, value, 3, 1000 + COALESCE_WINDOW_MS, 'n1:name'));
    expect(h.past).toEqual([0]);
    expect(undo(h, value)!.state).toBe(0);
  });

  it('starts a new step after a pause, for another key, or without a key', () => {
    let h = emptyHistory<number>();
    let value = 0;
    ({ h, value } = edit(h, value, 1, 0, 'a'));
    ({ h, value } = edit(h, value, 2, COALESCE_WINDOW_MS * 3, 'a'));
    ({ h, value } = edit(h, value, 3, COALESCE_WINDOW_MS * 3 + 10, 'b'));
    ({ h, value } = edit(h, value, 4, COALESCE_WINDOW_MS * 3 + 20));
    ({ h, value } = edit(h, value, 5, COALESCE_WINDOW_MS * 3 + 30));
    expect(h.past).toEqual([0, 1, 2, 3, 4]);
    expect(value).toBe(5);
  });

  it('merges a whole drag however long it pauses', () => {
    let h = emptyHistory<number>();
    let value = 0;
    for (let i = 1; i <= 5; i++) ({ h, value } = edit(h, value, i, i * 10_000, 'drag:1', Number.POSITIVE_INFINITY));
    expect(h.past).toEqual([0]);
  });

  it('does not merge into an edit that was undone', () => {
    let h = emptyHistory<number>();
    let value = 0;
    ({ h, value } = edit(h, value, 1, 0, 'k'));
    const step = undo(h, value)!;
    ({ h, value } = edit(step.history, step.state, 7, 10, 'k'));
    expect(h.past).toEqual([0]);
    expect(h.future).toEqual([]);
    expect(undo(h, value)!.state).toBe(0);
  });

  it('a new edit clears the redo stack', () => {
    let h = emptyHistory<number>();
    let value = 0;
    ({ h, value } = edit(h, value, 1, 0));
    const step = undo(h, value)!;
    expect(step.history.future).toEqual([1]);
    ({ h } = edit(step.history, step.state, 9, 10));
    expect(h.future).toEqual([]);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 25; i++) h = record(h, i, { now: i * 10_000 });
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(25);
  });
});
