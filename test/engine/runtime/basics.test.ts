import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRunStatusEvent, runEventSchema } from '../../../shared/runtime/events.ts';
import { messageSchema, runSchema, threadSchema } from '../../../shared/runtime/objects.ts';
import { runStepSchema } from '../../../shared/runtime/steps.ts';
import { createRuntime } from '../../../electron/engine/runtime/runtime.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { APIS, assistantTexts, harness, projectWith, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe.each(APIS)('runtime over %s', (api) => {
  let h: Harness;
  beforeEach(() => {
    sim.reset();
    h = harness(sim, api);
  });
  afterEach(() => h.dispose());

  const start = async (message: string, fixture = projectWith([]), trusted = true) => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    const run = await h.runtime.runs.create({ project: fixture.project, assistantNodeId: fixture.assistantId, threadId: thread.id, message, trusted });
    return { thread, run, final: await h.runtime.runs.wait(run.id) };
  };

  it('streams a plain answer with Assistants-style events, each with the run id and an increasing seq', async () => {
    sim.script({ text: ['Hello', ' from', ' the', ' model.'], usage: { input_tokens: 1000, output_tokens: 500 } });
    const { thread, run, final } = await start('Hi');
    expect(run.status).toBe('queued');
    expect(final).toMatchObject({ status: 'completed', usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 }, last_error: null });
    // gpt-4.1-mini: $0.40 in, $1.60 out per million tokens.
    expect(final.estimated_cost).toBeCloseTo(0.0012, 8);
    expect(final.started_at).not.toBeNull();
    expect(final.completed_at).not.toBeNull();

    const events = h.events.filter((e) => e.runId === run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const event of events) expect(runEventSchema.safeParse(event).success).toBe(true);
    const statuses = events.filter(isRunStatusEvent).map((e) => e.data.status);
    expect(statuses).toEqual(['queued', 'queued', 'in_progress', 'completed']);
    expect(events.map((e) => e.event)).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.message.created',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.delta',
      'thread.message.delta',
      'thread.message.delta',
      'thread.message.delta',
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.completed',
    ]);
    expect(assistantTexts(h.runtime, thread.id)).toEqual(['Hello from the model.']);
    const messages = h.runtime.messages.list(thread.id);
    expect(messages.map((m) => [m.role, m.status, m.run_id])).toEqual([
      ['user', 'completed', null],
      ['assistant', 'completed', run.id],
    ]);
    const [step] = h.runtime.runs.steps(run.id);
    expect(step).toMatchObject({
      type: 'message_creation',
      status: 'completed',
      usage: { total_tokens: 1500 },
      step_details: { message_creation: { message_id: messages[1]!.id } },
    });
  });

  it('calls a Function handler and feeds its output back', async () => {
    const fixture = projectWith([
      {
        name: 'add_one',
        handler:
          'export default async function handler(args: { x: number }, ctx: { log(...v: unknown[]): void }) { ctx.log("adding"); return { y: args.x + 1 }; }',
      },
    ]);
    sim.script({ toolCalls: [{ name: 'add_one', arguments: { x: 41 } }] }, { text: 'It is 42.' });
    const { thread, run, final } = await start('What is 41 + 1?', fixture);
    expect(final.status).toBe('completed');
    expect(sim.requests[1]!.toolOutputs).toEqual([{ callId: expect.stringMatching(/^call_/), output: '{"y":42}' }]);
    const steps = h.runtime.runs.steps(run.id);
    expect(steps.map((s) => [s.type, s.status])).toEqual([
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ]);
    const details = steps[0]!.step_details;
    if (details.type !== 'tool_calls') throw new Error('expected tool calls');
    expect(details.tool_calls[0]).toMatchObject({
      type: 'function',
      function: { name: 'add_one', arguments: '{"x":41}', output: '{"y":42}' },
      logs: ['adding'],
      node_id: fixture.functionIds[0],
      error: null,
    });
    expect(h.events.filter((e) => e.event === 'thread.run.step.handler_logged').map((e) => e.data)).toMatchObject([
      { line: 'adding', node_id: fixture.functionIds[0] },
    ]);
    expect(assistantTexts(h.runtime, thread.id)).toEqual(['It is 42.']);
    // Usage adds up over both model turns.
    expect(final.usage!.total_tokens).toBe(steps.reduce((sum, s) => sum + (s.usage?.total_tokens ?? 0), 0));
  });

  it('records text and tool calls of one model turn as two steps, and sends both back', async () => {
    const fixture = projectWith([{ name: 'look', mode: 'mock', mockOutput: 'found it' }]);
    sim.script({ text: 'Let me look.', toolCalls: [{ name: 'look', arguments: { x: 1 }, id: 'call_look' }] }, { text: 'Found it.' });
    const { thread, run, final } = await start('Find it', fixture);
    expect(final.status).toBe('completed');
    expect(h.runtime.runs.steps(run.id).map((s) => s.type)).toEqual(['message_creation', 'tool_calls', 'message_creation']);
    expect(assistantTexts(h.runtime, thread.id)).toEqual(['Let me look.', 'Found it.']);
    const body = sim.requests[1]!.body;
    if (api === 'chat') {
      expect((body.messages as unknown[]).slice(-2)).toEqual([
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'call_look', type: 'function', function: { name: 'look', arguments: '{"x":1}' } }] },
        { role: 'tool', tool_call_id: 'call_look', content: 'found it' },
      ]);
    } else {
      expect((body.input as unknown[]).slice(-3)).toEqual([
        { role: 'assistant', content: 'Let me look.' },
        { type: 'function_call', call_id: 'call_look', name: 'look', arguments: '{"x":1}' },
        { type: 'function_call_output', call_id: 'call_look', output: 'found it' },
      ]);
    }
  });

  it("runs on the model a run names, for that run only, as Assistants' run model override", async () => {
    const fixture = projectWith([]);
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({ text: 'From the other model.' }, { text: "From the assistant's model." });
    const other = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread.id,
      message: 'Hi',
      trusted: true,
      model: 'gpt-4o',
    });
    expect(await h.runtime.runs.wait(other.id)).toMatchObject({ status: 'completed', model: 'gpt-4o' });
    const usual = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread.id,
      message: 'Again',
      trusted: true,
    });
    expect((await h.runtime.runs.wait(usual.id)).model).toBe('gpt-4.1-mini');
    expect(sim.requests.map((r) => r.body.model)).toEqual(['gpt-4o', 'gpt-4.1-mini']);
  });

  it("returns a mock Function's fixed output without running anything", async () => {
    const fixture = projectWith([
      { name: 'weather', mode: 'mock', mockOutput: '{"temp": 21}', handler: 'export default async () => { throw new Error("must not run"); }' },
    ]);
    sim.script({ toolCalls: [{ name: 'weather', arguments: { x: 1 } }] }, { text: 'Warm.' });
    const { final } = await start('Weather?', fixture, false);
    expect(final.status).toBe('completed');
    expect(sim.requests[1]!.toolOutputs[0]!.output).toBe('{"temp": 21}');
  });

  it('does not run handlers of an untrusted project, and says why in the tool output', async () => {
    const fixture = projectWith([{ name: 'danger', handler: 'export default async () => { throw new Error("must not run"); }' }]);
    sim.script({ toolCalls: [{ name: 'danger', arguments: { x: 1 } }] }, { text: 'Could not.' });
    const { run, final } = await start('Go', fixture, false);
    expect(final.status).toBe('completed');
    expect(JSON.parse(sim.requests[1]!.toolOutputs[0]!.output)).toMatchObject({ error: 'untrusted', message: expect.stringContaining('trust') });
    expect(h.events.some((e) => e.runId === run.id && e.event === 'thread.run.step.handler_started')).toBe(false);
  });

  it('keeps threads, messages, runs and steps after the store is reopened', async () => {
    const fixture = projectWith([{ name: 'f', mode: 'mock', mockOutput: 'ok' }]);
    sim.script({ toolCalls: [{ name: 'f', arguments: { x: 1 } }] }, { text: 'Done.' });
    const { thread, run } = await start('Persist this', fixture);
    const before = {
      threads: h.runtime.threads.list(fixture.assistantId),
      messages: h.runtime.messages.list(thread.id),
      runs: h.runtime.runs.list(thread.id),
      steps: h.runtime.runs.steps(run.id),
    };
    h.store.close();
    const reopened = createRuntime({
      store: h.reopen(),
      resolveProvider: async () => {
        throw new Error('not used');
      },
    });
    expect(reopened.threads.list(fixture.assistantId)).toEqual(before.threads);
    expect(reopened.messages.list(thread.id)).toEqual(before.messages);
    expect(reopened.runs.list(thread.id)).toEqual(before.runs);
    expect(reopened.runs.steps(run.id)).toEqual(before.steps);
    expect(before.steps).toHaveLength(2);
    // The store trusts its own writes, so check here that they are valid Assistants-shaped objects.
    for (const t of before.threads) threadSchema.parse(t);
    for (const m of before.messages) messageSchema.parse(m);
    for (const r of before.runs) runSchema.parse(r);
    for (const st of before.steps) runStepSchema.parse(st);
  });

  it('sends the thread history per the truncation setting', async () => {
    const fixture = projectWith([], { truncation: 'last_messages', lastMessages: 3 });
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    for (const text of ['one', 'two', 'three']) {
      sim.script({ text: `re: ${text}` });
      const run = await h.runtime.runs.create({
        project: fixture.project,
        assistantNodeId: fixture.assistantId,
        threadId: thread.id,
        message: text,
        trusted: true,
      });
      await h.runtime.runs.wait(run.id);
    }
    const sent = sim.requests.at(-1)!.body;
    const texts = (
      api === 'chat' ? (sent.messages as { role: string; content: string }[]).filter((m) => m.role !== 'system') : (sent.input as { content: string }[])
    ).map((m) => m.content);
    expect(texts).toEqual(['two', 're: two', 'three']);
  });

  it('refuses to start a run while the assistant has errors', async () => {
    const fixture = projectWith([{ name: 'bad name!' }]);
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    await expect(
      h.runtime.runs.create({ project: fixture.project, assistantNodeId: fixture.assistantId, threadId: thread.id, message: 'x', trusted: true }),
    ).rejects.toMatchObject({ code: 'E_INVALID_REQUEST', message: expect.stringContaining('problem') });
    expect(sim.requests).toHaveLength(0);
    expect(h.runtime.messages.list(thread.id)).toEqual([]);
  });

  it('creates, lists, renames and deletes threads per assistant', () => {
    const thread = h.runtime.threads.create({ assistantNodeId: 'n_a', title: 'First' });
    const second = h.runtime.threads.create({ assistantNodeId: 'n_a' });
    h.runtime.threads.create({ assistantNodeId: 'n_b' });
    expect(h.runtime.threads.list('n_a').map((t) => t.id)).toEqual([second.id, thread.id]);
    expect(h.runtime.threads.rename(thread.id, 'Renamed').title).toBe('Renamed');
    h.runtime.threads.delete(thread.id);
    expect(h.runtime.threads.list('n_a').map((t) => t.id)).toEqual([second.id]);
    expect(() => h.runtime.threads.get(thread.id)).toThrow(/no thread/);
  });
});
