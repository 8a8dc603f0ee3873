import { describe, expect, it } from 'vitest';
import { activeRunOf, chatEntries } from '../../../renderer/runs/chatEntries.ts';
import { message, run } from './fixtures.ts';

describe('chatEntries', () => {
  it('puts each run after its last message, or after the question when it wrote none', () => {
    const messages = [
      message('msg_q1', { role: 'user', created_at: 10 }),
      message('msg_a1', { run_id: 'run_1', created_at: 11 }),
      message('msg_q2', { role: 'user', created_at: 20 }),
    ];
    const runs = [run('run_1', { created_at: 10 }), run('run_2', { created_at: 20, status: 'failed' })];
    expect(chatEntries(messages, runs).map((e) => e.key)).toEqual(['msg_q1', 'msg_a1', 'run_1', 'msg_q2', 'run_2']);
  });

  it('finds the run still going', () => {
    expect(activeRunOf([run('run_1', { status: 'completed' }), run('run_2', { status: 'requires_action' })])?.id).toBe('run_2');
    expect(activeRunOf([run('run_1', { status: 'expired' })])).toBeNull();
  });
});
