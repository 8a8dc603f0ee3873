import type { RunEvent } from '../../shared/runtime/events.ts';

/** Where one run's event stream stands: the last applied `seq`, and events that arrived ahead of a gap. */
interface RunSequence {
  last: number;
  pending: readonly RunEvent[];
}

export type Sequences = Readonly<Record<string, RunSequence>>;

/**
 * How many events may wait behind a gap before the gap is taken as lost. Transports deliver in order,
 * so a gap that stays open this long is a dropped event, and showing what we have beats freezing.
 */
export const MAX_PENDING = 64;

/**
 * Admits one event into its run's sequence and returns the events now ready to apply, in `seq` order.
 * Duplicates and events older than the last applied one are dropped. The first event seen of a run
 * sets its baseline, so a panel that starts listening in the middle of a run still follows it.
 */
export function admit(sequences: Sequences, event: RunEvent): { sequences: Sequences; ready: RunEvent[] } {
  const current = sequences[event.runId];
  if (!current) {
    return { sequences: { ...sequences, [event.runId]: { last: event.seq, pending: [] } }, ready: [event] };
  }
  if (event.seq <= current.last || current.pending.some((p) => p.seq === event.seq)) return { sequences, ready: [] };
  if (event.seq > current.last + 1) {
    const pending = [...current.pending, event].sort((a, b) => a.seq - b.seq);
    if (pending.length <= MAX_PENDING) return { sequences: { ...sequences, [event.runId]: { last: current.last, pending } }, ready: [] };
    const last = pending.at(-1)?.seq ?? current.last;
    return { sequences: { ...sequences, [event.runId]: { last, pending: [] } }, ready: pending };
  }
  const ready = [event];
  let last = event.seq;
  const waiting = [...current.pending];
  while (waiting[0]?.seq === last + 1) {
    const next = waiting.shift();
    if (!next) break;
    ready.push(next);
    last = next.seq;
  }
  return { sequences: { ...sequences, [event.runId]: { last, pending: waiting } }, ready };
}
