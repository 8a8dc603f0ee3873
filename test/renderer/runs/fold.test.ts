import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/runtime/events.ts';
import { emptyFold, foldEvents, loadSteps, loadThread, showThread, type FoldState } from '../../../renderer/runs/fold.ts';
import { message, OTHER_THREAD, run, stamp, textDelta, THREAD, toolStep } from './fixtures.ts';

const onThread = (): FoldState => loadThread(showThread(emptyFold(), THREAD), THREAD, { messages: [], runs: [] });

const textOf = (state: FoldState, id: string): string[] =>
  state.view.messages.find((m) => m.id === id)?.content.map((c) => (c.type === 'text' ? c.text.value : '')) ?? [];

function streamed(): RunEvent[] {
  return stamp('run_1', [
    { event: 'thread.run.created', data: run('run_1') },
    {
      event: 'thread.message.created',
      data: message('msg_u', { role: 'user', status: 'completed', content: [{ type: 'text', text: { value: 'Hi', annotations: [] } }] }),
    },
    { event: 'thread.run.in_progress', data: run('run_1', { status: 'in_progress', started_at: 101 }) },
    { event: 'thread.message.created', data: message('msg_a', { run_id: 'run_1' }) },
    textDelta('msg_a', 'Hel'),
    textDelta('msg_a', 'lo'),
  ]);
}

describe('foldEvents: messages and runs', () => {
  it('appends message deltas to the right content part', () => {
    let state = foldEvents(onThread(), streamed());
    expect(state.view.messages.map((m) => m.id)).toEqual(['msg_u', 'msg_a']);
    expect(textOf(state, 'msg_a')).toEqual(['Hello']);
    state = foldEvents(state, stamp('run_1', [textDelta('msg_a', 'second part', 1), textDelta('msg_a', '!', 0)], 7));
    expect(textOf(state, 'msg_a')).toEqual(['Hello!', 'second part']);
  });

  it('leaves unchanged messages as the same objects, so memoised rows skip rendering', () => {
    const before = foldEvents(onThread(), streamed());
    const after = foldEvents(before, stamp('run_1', [textDelta('msg_a', ' there')], 7));
    expect(after.view.messages[0]).toBe(before.view.messages[0]);
    expect(after.view.messages[1]).not.toBe(before.view.messages[1]);
  });

  it('replaces the run on each status event and the message when it completes', () => {
    const done = message('msg_a', { run_id: 'run_1', status: 'completed', content: [{ type: 'text', text: { value: 'Hello', annotations: [] } }] });
    const state = foldEvents(onThread(), [
      ...streamed(),
      ...stamp(
        'run_1',
        [
          { event: 'thread.message.completed', data: done },
          { event: 'thread.run.completed', data: run('run_1', { status: 'completed', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }) },
        ],
        7,
      ),
    ]);
    expect(state.view.runs).toHaveLength(1);
    expect(state.view.runs[0]?.status).toBe('completed');
    expect(state.view.runs[0]?.usage?.total_tokens).toBe(7);
    expect(state.view.messages[1]).toEqual(done);
  });

  it('applies each run in seq order, drops duplicates and older events, and waits for a gap to fill', () => {
    const events = streamed();
    const [e1, e2, e3, e4, e5, e6] = events as [RunEvent, RunEvent, RunEvent, RunEvent, RunEvent, RunEvent];
    let state = foldEvents(onThread(), [e1, e2, e3, e4, e4, e2]);
    // seq 6 arrives before seq 5: it waits until 5 is there, so the text reads in order.
    state = foldEvents(state, [e6]);
    expect(textOf(state, 'msg_a')).toEqual([]);
    state = foldEvents(state, [e5, e5, e6]);
    expect(textOf(state, 'msg_a')).toEqual(['Hello']);
  });

  it('starts following a run from the first event it sees', () => {
    const state = foldEvents(
      loadThread(showThread(emptyFold(), THREAD), THREAD, {
        messages: [message('msg_a', { run_id: 'run_1' })],
        runs: [run('run_1', { status: 'in_progress' })],
      }),
      stamp('run_1', [textDelta('msg_a', 'late '), textDelta('msg_a', 'joiner')], 40),
    );
    expect(textOf(state, 'msg_a')).toEqual(['late joiner']);
  });

  it('keeps runs of other threads out of the view', () => {
    const elsewhere = stamp('run_2', [
      { event: 'thread.run.created', data: run('run_2', { thread_id: OTHER_THREAD }) },
      { event: 'thread.message.created', data: message('msg_x', { thread_id: OTHER_THREAD, run_id: 'run_2' }) },
      textDelta('msg_x', 'not here'),
    ]);
    const before = foldEvents(onThread(), streamed());
    const after = foldEvents(before, elsewhere);
    expect(after.view).toBe(before.view);
    expect(after.runThreads.run_2).toBe(OTHER_THREAD);
  });

  it('prefers what events delivered over the stored copy when a load finishes late', () => {
    const live = foldEvents(onThread(), streamed());
    const stale = message('msg_a', { run_id: 'run_1', content: [] });
    const merged = loadThread(live, THREAD, { messages: [message('msg_old', { role: 'user', status: 'completed' }), stale], runs: [run('run_1')] });
    expect(merged.view.messages.map((m) => m.id)).toEqual(['msg_old', 'msg_a', 'msg_u']);
    expect(textOf(merged, 'msg_a')).toEqual(['Hello']);
    expect(merged.view.runs[0]?.status).toBe('in_progress');
  });

  it('ignores a load for a thread that is no longer on screen', () => {
    const state = showThread(emptyFold(), OTHER_THREAD);
    expect(loadThread(state, THREAD, { messages: [message('msg_a')], runs: [] })).toBe(state);
  });
});

describe('foldEvents: steps and handlers', () => {
  const call = (index: number, id: string, name: string) => ({
    event: 'thread.run.step.delta' as const,
    data: {
      id: 'step_1',
      object: 'thread.run.step.delta' as const,
      delta: {
        step_details: { type: 'tool_calls' as const, tool_calls: [{ index, id, type: 'function' as const, function: { name, arguments: '', output: null } }] },
      },
    },
  });
  const piece = (index: number, fn: { arguments?: string; output?: string }) => ({
    event: 'thread.run.step.delta' as const,
    data: {
      id: 'step_1',
      object: 'thread.run.step.delta' as const,
      delta: { step_details: { type: 'tool_calls' as const, tool_calls: [{ index, type: 'function' as const, function: fn }] } },
    },
  });
  const handler = { step_id: 'step_1', tool_call_id: 'call_1', node_id: 'fn_weather' };

  function toolRound(): FoldState {
    return foldEvents(
      onThread(),
      stamp('run_1', [
        { event: 'thread.run.created', data: run('run_1') },
        { event: 'thread.run.step.created', data: toolStep('step_1', 'run_1') },
        call(0, 'call_1', 'get_weather'),
        piece(0, { arguments: '{"city":' }),
        call(1, 'call_2', 'get_time'),
        piece(0, { arguments: '"Paris"}' }),
        { event: 'thread.run.step.handler_started', data: handler },
        { event: 'thread.run.step.handler_started', data: { ...handler, tool_call_id: 'call_2', node_id: 'fn_time' } },
        { event: 'thread.run.step.handler_logged', data: { ...handler, line: 'looking up Paris' } },
        { event: 'thread.run.step.handler_logged', data: { ...handler, line: 'found it' } },
      ]),
    );
  }

  const calls = (state: FoldState) => {
    const details = state.view.steps.run_1?.[0]?.step_details;
    return details?.type === 'tool_calls' ? details.tool_calls : [];
  };

  it('builds tool calls from step deltas: names, streamed arguments, outputs', () => {
    let state = toolRound();
    expect(calls(state).map((c) => (c.type === 'function' ? [c.id, c.function.name, c.function.arguments] : null))).toEqual([
      ['call_1', 'get_weather', '{"city":"Paris"}'],
      ['call_2', 'get_time', ''],
    ]);
    state = foldEvents(state, stamp('run_1', [piece(0, { output: '{"temp":21}' })], 11));
    const first = calls(state)[0];
    expect(first?.type === 'function' && first.function.output).toBe('{"temp":21}');
  });

  it('accumulates handler log lines per tool call', () => {
    const [first, second] = calls(toolRound());
    expect(first?.type === 'function' && first.logs).toEqual(['looking up Paris', 'found it']);
    expect(second?.type === 'function' && second.logs).toEqual([]);
  });

  it('tracks which Function nodes are at work', () => {
    let state = toolRound();
    expect(state.activeNodeIds).toEqual(['fn_time', 'fn_weather']);
    state = foldEvents(state, stamp('run_1', [{ event: 'thread.run.step.handler_finished', data: { ...handler, duration_ms: 12, error: null } }], 11));
    expect(state.activeNodeIds).toEqual(['fn_time']);
    const first = calls(state)[0];
    expect(first?.duration_ms).toBe(12);
    const unchanged = foldEvents(state, stamp('run_1', [piece(1, { arguments: '{}' })], 12));
    expect(unchanged.activeNodeIds).toBe(state.activeNodeIds);
  });

  it("clears a run's handlers when the run ends, whichever thread it is in", () => {
    const elsewhere = foldEvents(
      showThread(emptyFold(), OTHER_THREAD),
      stamp('run_1', [
        { event: 'thread.run.created', data: run('run_1') },
        { event: 'thread.run.step.handler_started', data: handler },
      ]),
    );
    expect(elsewhere.activeNodeIds).toEqual(['fn_weather']);
    const ended = foldEvents(elsewhere, stamp('run_1', [{ event: 'thread.run.cancelled', data: run('run_1', { status: 'cancelled' }) }], 3));
    expect(ended.activeNodeIds).toEqual([]);
  });

  it('lights the Assistant while its model answers and a built-in tool while its call is open, with the wire between', () => {
    const searchCall = {
      id: 'call_fs',
      type: 'file_search' as const,
      node_id: 'n_search',
      duration_ms: null,
      error: null,
      file_search: { results: [] },
    };
    let state = foldEvents(onThread(), stamp('run_1', [{ event: 'thread.run.in_progress', data: run('run_1', { status: 'in_progress' }) }]));
    expect(state.activeNodeIds).toEqual(['n1']);
    expect(state.activeWires).toEqual([]);
    const open = toolStep('step_fs', 'run_1', { step_details: { type: 'tool_calls', tool_calls: [searchCall] } });
    state = foldEvents(state, stamp('run_1', [{ event: 'thread.run.step.created', data: open }], 2));
    expect(state.activeNodeIds).toEqual(['n_search']);
    expect(state.activeWires).toEqual(['n_search>n1']);
    state = foldEvents(state, stamp('run_1', [{ event: 'thread.run.step.completed', data: { ...open, status: 'completed' } }], 3));
    expect(state.activeNodeIds).toEqual(['n1']);
    // Waiting for the user's tool outputs, nothing is at work.
    state = foldEvents(state, stamp('run_1', [{ event: 'thread.run.requires_action', data: run('run_1', { status: 'requires_action' }) }], 4));
    expect(state.activeNodeIds).toEqual([]);
  });

  it('learns a built-in call’s node from its first delta', () => {
    let state = foldEvents(onThread(), stamp('run_1', [{ event: 'thread.run.in_progress', data: run('run_1', { status: 'in_progress' }) }]));
    state = foldEvents(
      state,
      stamp(
        'run_1',
        [
          { event: 'thread.run.step.created', data: toolStep('step_ci', 'run_1') },
          {
            event: 'thread.run.step.delta',
            data: {
              id: 'step_ci',
              object: 'thread.run.step.delta',
              delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: 0, id: 'call_ci', type: 'code_interpreter', node_id: 'n_python' }] } },
            },
          },
        ],
        2,
      ),
    );
    expect(state.activeNodeIds).toEqual(['n_python']);
    expect(state.activeWires).toEqual(['n_python>n1']);
  });

  it('replaces a step with the full object when it completes', () => {
    const done = toolStep('step_1', 'run_1', { status: 'completed', completed_at: 103, usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
    const state = foldEvents(toolRound(), stamp('run_1', [{ event: 'thread.run.step.completed', data: done }], 11));
    expect(state.view.steps.run_1).toEqual([done]);
  });

  it('merges loaded steps with live ones', () => {
    const live = toolRound();
    const older = toolStep('step_0', 'run_1', { status: 'completed' });
    const merged = loadSteps(live, 'run_1', [older, toolStep('step_1', 'run_1')]);
    expect(merged.view.steps.run_1?.map((s) => s.id)).toEqual(['step_0', 'step_1']);
    expect(merged.view.steps.run_1?.[1]).toBe(live.view.steps.run_1?.[0]);
  });
});
