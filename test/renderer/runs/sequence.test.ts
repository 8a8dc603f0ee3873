import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/runtime/events.ts';
import { admit, MAX_PENDING, type Sequences } from '../../../renderer/runs/sequence.ts';
import { stamp, textDelta } from './fixtures.ts';

const events = (count: number): RunEvent[] =>
  stamp(
    'run_1',
    Array.from({ length: count }, (_, i) => textDelta('msg_a', String(i))),
  );

function feed(order: readonly RunEvent[], sequences: Sequences = {}): { seqs: number[]; sequences: Sequences } {
  const seqs: number[] = [];
  let current = sequences;
  for (const event of order) {
    const admitted = admit(current, event);
    current = admitted.sequences;
    seqs.push(...admitted.ready.map((e) => e.seq));
  }
  return { seqs, sequences: current };
}

describe('admit', () => {
  it('releases events in seq order and drops the ones already applied', () => {
    const [a, b, c, d] = events(4) as [RunEvent, RunEvent, RunEvent, RunEvent];
    expect(feed([a, c, d, c, b, b, a]).seqs).toEqual([1, 2, 3, 4]);
  });

  it('keeps runs apart', () => {
    const one = stamp('run_1', [textDelta('m', 'x'), textDelta('m', 'y')]);
    const two = stamp('run_2', [textDelta('n', 'x'), textDelta('n', 'y')]);
    const { sequences } = feed([one[0]!, two[0]!, two[1]!, one[1]!]);
    expect(sequences.run_1?.last).toBe(2);
    expect(sequences.run_2?.last).toBe(2);
  });

  it('gives up on a gap that stays open, so a lost event does not freeze the run', () => {
    const all = events(MAX_PENDING + 3);
    const withoutSecond = [all[0]!, ...all.slice(2)];
    const { seqs, sequences } = feed(withoutSecond);
    expect(seqs).toEqual(withoutSecond.map((e) => e.seq));
    expect(sequences.run_1?.pending).toEqual([]);
  });
});
