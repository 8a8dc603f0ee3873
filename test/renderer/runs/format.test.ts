import { describe, expect, it } from 'vitest';
import { formatCost, formatDurationMs, formatJsonText, formatSeconds, runOutcome, stepDurationSeconds } from '../../../renderer/runs/format.ts';
import { run, toolStep } from './fixtures.ts';

describe('format', () => {
  it('pretty-prints JSON and leaves other text alone', () => {
    expect(formatJsonText('{"a":1}')).toEqual({ text: '{\n  "a": 1\n}', json: true });
    expect(formatJsonText('not json')).toEqual({ text: 'not json', json: false });
    expect(formatJsonText('{"cut": ')).toEqual({ text: '{"cut": ', json: false });
  });

  it('says why a run did not complete', () => {
    expect(runOutcome(run('r', { status: 'failed', last_error: { code: 'rate_limit_exceeded', message: 'Slow down' } }))).toEqual({
      tone: 'error',
      title: 'Run failed: rate_limit_exceeded',
      detail: 'Slow down',
    });
    expect(runOutcome(run('r', { status: 'incomplete', incomplete_details: { reason: 'max_tool_rounds' } }))?.title).toBe('Run incomplete');
    expect(runOutcome(run('r', { status: 'cancelled' }))?.tone).toBe('warning');
    expect(runOutcome(run('r', { status: 'completed' }))).toBeNull();
  });

  it('measures steps and prices', () => {
    expect(stepDurationSeconds(toolStep('s', 'r', { created_at: 100, completed_at: 103 }))).toBe(3);
    expect(stepDurationSeconds(toolStep('s', 'r'))).toBeNull();
    expect(formatSeconds(0)).toBe('<1 s');
    expect(formatSeconds(75)).toBe('1 min 15 s');
    expect(formatDurationMs(674)).toBe('674 ms');
    expect(formatDurationMs(2500)).toBe('2.50 s');
    expect(formatCost(0.00042)).toBe('$0.00042');
    expect(formatCost(0.5)).toBe('$0.500');
  });
});
