import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../shared/runtime/events.ts';
import { emptyFold, foldEvents, showThread } from '../../../renderer/runs/fold.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { APIS, assistantTexts, harness, projectWith, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const LONG = Array.from({ length: 40 }, (_, i) => `word${i} `);
const WHOLE = LONG.join('');
const COUNT = 'export default async (args) => "counted " + args.x';

describe.each(APIS)('faults and stops over %s', (api) => {
  let h: Harness;
  beforeEach(() => {
    sim.reset();
    h = harness(sim, api);
  });
  afterEach(() => h.dispose());

  const begin = async (fixture = projectWith([])) => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    const run = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread.id,
      message: 'hi',
      trusted: true,
    });
    return { thread, run };
  };
  const nextEvent = (match: (e: RunEvent) => boolean): Promise<RunEvent> =>
    new Promise((resolve) => {
      const off = h.runtime.onEvent((e) => {
        if (match(e)) {
          off();
          resolve(e);
        }
      });
    });
  const assistantMessages = (threadId: string) => h.runtime.messages.list(threadId).filter((m) => m.role === 'assistant');
  /** The assistant texts of the thread as a window shows them, built from the run's events alone. */
  const shownTexts = (threadId: string) =>
    foldEvents(showThread(emptyFold(), threadId), h.events)
      .view.messages.filter((m) => m.role === 'assistant')
      .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''));

  it('cancels in the middle of a stream: the message is incomplete, the step and the run cancelled', async () => {
    sim.script({ text: LONG, chunkDelayMs: 20 });
    const delta = nextEvent((e) => e.event === 'thread.message.delta');
    const { thread, run } = await begin();
    await delta;
    expect(h.runtime.runs.cancel(run.id).status).toBe('cancelling');
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'cancelled' });
    expect(final.cancelled_at).not.toBeNull();
    const [message] = assistantMessages(thread.id);
    expect(message).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'run_cancelled' } });
    expect(h.runtime.runs.steps(run.id).map((s) => s.status)).toEqual(['cancelled']);
    const names = h.events.filter((e) => e.runId === run.id).map((e) => e.event);
    expect(names.slice(-2)).toEqual(['thread.run.step.cancelled', 'thread.run.cancelled']);
    expect(names).toContain('thread.run.cancelling');
  });

  it('cancels while a handler runs, stopping the handler', async () => {
    const fixture = projectWith([{ name: 'slow', handler: 'export default async function handler() { await new Promise(() => {}); }', timeoutSeconds: 30 }]);
    sim.script({ toolCalls: [{ name: 'slow', arguments: { x: 1 } }] });
    const started = nextEvent((e) => e.event === 'thread.run.step.handler_started');
    const { run } = await begin(fixture);
    await started;
    const t0 = Date.now();
    h.runtime.runs.cancel(run.id);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(sim.requests).toHaveLength(1);
  });

  it('cancels a run that waits in requires_action', async () => {
    const fixture = projectWith([{ name: 'ask', mode: 'ask' }]);
    sim.script({ toolCalls: [{ name: 'ask', arguments: { x: 1 } }] });
    const { run } = await begin(fixture);
    await h.runtime.runs.wait(run.id, { untilAction: true });
    h.runtime.runs.cancel(run.id);
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'cancelled', required_action: null });
    expect(h.runtime.runs.steps(run.id).map((s) => [s.type, s.status])).toEqual([['tool_calls', 'cancelled']]);
    expect(() => h.runtime.runs.cancel(run.id)).toThrow(/cannot be cancelled/);
  });

  it("gets through a 429 with the SDK's retry", async () => {
    sim.script({ fault: { status: 429, retryAfterMs: 10 } }, { text: 'Fine now.' });
    const { run } = await begin();
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(sim.requests).toHaveLength(2);
  });

  it('fails with last_error when a 500 outlasts the retries', async () => {
    const fault = { status: 500, retryAfterMs: 0 };
    sim.script({ fault }, { fault }, { fault });
    const { thread, run } = await begin();
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'failed', last_error: { code: 'server_error', message: expect.stringContaining('500') } });
    expect(final.failed_at).not.toBeNull();
    expect(assistantMessages(thread.id)).toEqual([]);
  });

  it('asks again for a turn whose stream was cut, and the answer is there once, in the thread and in the events', async () => {
    sim.script({ text: LONG, fault: { dropAfterEvents: 8 } }, { text: LONG });
    const { thread, run } = await begin();
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(sim.requests).toHaveLength(2);
    expect(assistantTexts(h.runtime, thread.id)).toEqual([WHOLE]);
    expect(shownTexts(thread.id)).toEqual([WHOLE]);
    expect(h.runtime.runs.steps(run.id).map((s) => [s.type, s.status])).toEqual([['message_creation', 'completed']]);
  });

  it('asks again for a turn cut while it streamed a call, and runs the call once', async () => {
    const fixture = projectWith([{ name: 'count', handler: COUNT }]);
    const call = { toolCalls: [{ name: 'count', arguments: { x: 1 } }] };
    sim.script({ ...call, fault: { dropAfterEvents: 3 } }, call, { text: 'Counted.' });
    const { thread, run } = await begin(fixture);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(h.events.filter((e) => e.runId === run.id && e.event === 'thread.run.step.handler_started')).toHaveLength(1);
    const [tools] = h.runtime.runs.steps(run.id);
    expect(tools?.step_details.type === 'tool_calls' && tools.step_details.tool_calls.map((c) => c.type === 'function' && c.function.output)).toEqual([
      'counted 1',
    ]);
    expect(assistantTexts(h.runtime, thread.id)).toEqual(['Counted.']);
  });

  it('does not run a tool again when the stream breaks in the turn after it, and asks only for that turn again', async () => {
    const fixture = projectWith([{ name: 'count', handler: COUNT }]);
    sim.script({ toolCalls: [{ name: 'count', arguments: { x: 1 } }] }, { text: LONG, fault: { dropAfterEvents: 8 } }, { text: LONG });
    const { thread, run } = await begin(fixture);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(h.events.filter((e) => e.runId === run.id && e.event === 'thread.run.step.handler_started')).toHaveLength(1);
    expect(sim.requests).toHaveLength(3);
    // The turn asked again carries the tool's output from the first round, as the broken one did.
    expect(sim.requests[2]!.toolOutputs).toEqual(sim.requests[1]!.toolOutputs);
    expect(sim.requests[2]!.toolOutputs.map((o) => o.output)).toEqual(['counted 1']);
    expect(assistantTexts(h.runtime, thread.id)).toEqual([WHOLE]);
    expect(shownTexts(thread.id)).toEqual([WHOLE]);
  });

  it('asks again for a turn whose stream went quiet, within the idle timeout and the backoff', async () => {
    await h.dispose();
    h = harness(sim, api, { streamIdleTimeoutMs: 300 });
    sim.script({ text: LONG, fault: { stallAfterEvents: 5 } }, { text: LONG });
    const started = Date.now();
    const { thread, run } = await begin();
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(assistantTexts(h.runtime, thread.id)).toEqual([WHOLE]);
    expect(shownTexts(thread.id)).toEqual([WHOLE]);
  });

  it('cancels a run while it waits to ask again', async () => {
    sim.script({ text: LONG, fault: { dropAfterEvents: 8 } }, { text: LONG, delayMs: 5000 });
    // The first in_progress event of the answer opens it; the second one takes the cut text back.
    let opened = 0;
    const rewound = nextEvent((e) => e.event === 'thread.message.in_progress' && e.data.role === 'assistant' && ++opened === 2);
    const { run } = await begin();
    await rewound;
    h.runtime.runs.cancel(run.id);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('cancelled');
    expect(sim.requests).toHaveLength(1);
  });

  it('fails clearly when the stream keeps being cut, and never marks the half message completed', async () => {
    const cut = { text: LONG, fault: { dropAfterEvents: 8 } };
    sim.script(cut, cut, cut);
    const { thread, run } = await begin();
    const final = await h.runtime.runs.wait(run.id);
    expect(sim.requests).toHaveLength(3);
    expect(final).toMatchObject({ status: 'failed', last_error: { code: 'stream_interrupted', message: expect.stringMatching(/stream|connection/) } });
    expect(final.last_error?.message).toContain('(asked 3 times)');
    const messages = assistantMessages(thread.id);
    expect(messages.map((m) => [m.status, m.incomplete_details?.reason])).toEqual([['incomplete', 'run_failed']]);
    expect(h.events.some((e) => e.runId === run.id && e.event === 'thread.message.completed' && e.data.role === 'assistant')).toBe(false);
    expect(h.runtime.runs.steps(run.id)[0]).toMatchObject({ status: 'failed', last_error: { code: 'stream_interrupted' } });
  });

  it('fails a run whose provider goes quiet after its idle timeout, with a message that says so', async () => {
    await h.dispose();
    h = harness(sim, api, { streamIdleTimeoutMs: 300 });
    const stall = { text: LONG, fault: { stallAfterEvents: 5 } };
    sim.script(stall, stall, stall);
    const started = Date.now();
    const { thread, run } = await begin();
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'failed', last_error: { code: 'stream_interrupted', message: expect.stringContaining('sent nothing for 0.3 s') } });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(assistantMessages(thread.id).map((m) => [m.status, m.incomplete_details?.reason])).toEqual([['incomplete', 'run_failed']]);
  });

  it('asks a function for the idle timeout at the start of each run (the app’s setting)', async () => {
    await h.dispose();
    let idleMs = 300;
    h = harness(sim, api, { streamIdleTimeoutMs: () => idleMs });
    const stall = { text: LONG, fault: { stallAfterEvents: 5 } };
    sim.script(stall, stall, stall);
    expect((await h.runtime.runs.wait((await begin()).run.id)).last_error?.message).toContain('sent nothing for 0.3 s');
    idleMs = 600;
    sim.script(stall, stall, stall);
    expect((await h.runtime.runs.wait((await begin()).run.id)).last_error?.message).toContain('sent nothing for 0.6 s');
  });

  it('marks a run interrupted by a restart as failed (interrupted) at the next open', async () => {
    sim.script({ text: LONG, chunkDelayMs: 30 });
    const delta = nextEvent((e) => e.event === 'thread.message.delta');
    const { thread, run } = await begin();
    await delta;
    // The app dies mid-run: the database is closed under the running loop.
    h.store.close();
    const reopened = h.reopen();
    expect(reopened.recoveredRunIds).toEqual([run.id]);
    expect(reopened.runs.get(run.id)).toMatchObject({ status: 'failed', last_error: { code: 'interrupted' } });
    expect(reopened.messages.listByThread(thread.id).find((m) => m.role === 'assistant')).toMatchObject({ status: 'incomplete' });
    expect(reopened.steps.listByRun(run.id)[0]).toMatchObject({ status: 'failed' });
  });

  it('ends incomplete when the answer hits the completion token limit', async () => {
    sim.script({ text: LONG });
    const { thread, run } = await begin(projectWith([], { maxCompletionTokens: 16 }));
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_completion_tokens' }, max_completion_tokens: 16 });
    expect(assistantMessages(thread.id).map((m) => [m.status, m.incomplete_details?.reason])).toEqual([['incomplete', 'max_tokens']]);
  });

  it('expires a run that outlives its time limit', async () => {
    await h.dispose();
    h = harness(sim, api, { runTimeLimitMs: 300 });
    sim.script({ text: LONG, fault: { stallAfterEvents: 5 } });
    const { thread, run } = await begin();
    const final = await h.runtime.runs.wait(run.id);
    expect(final.status).toBe('expired');
    expect(assistantMessages(thread.id).map((m) => m.incomplete_details?.reason)).toEqual(['run_expired']);
    expect(h.runtime.runs.steps(run.id).map((s) => s.status)).toEqual(['expired']);
  });
});
