// Streamed runs through the SDK's helpers: runs.stream() with its events and finalRun(),
// submitToolOutputsStream, threads.createAndRunStream; every event's data checked against the spec.
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { assertMatchesSchema } from '../simulator/spec.ts';
import { raw, startServe, weatherTool, type Serve } from './harness.ts';

const SCHEMA_OF_EVENT: [RegExp, string][] = [
  [/^thread\.run\.step\.delta$/, 'RunStepDeltaObject'],
  [/^thread\.message\.delta$/, 'MessageDeltaObject'],
  [/^thread\.run\.step\./, 'RunStepObject'],
  [/^thread\.message\./, 'MessageObject'],
  [/^thread\.run\./, 'RunObject'],
  [/^thread\.created$/, 'ThreadObject'],
];

/** Every event's data (cloned when it arrived: the SDK merges later deltas into it) against its spec schema; the names in order. */
function namesChecked(events: AssistantStreamEvent[]): string[] {
  for (const event of events) {
    const schema = SCHEMA_OF_EVENT.find(([pattern]) => pattern.test(event.event))?.[1];
    if (!schema) throw new Error(`unexpected event ${event.event}`);
    assertMatchesSchema(schema, JSON.parse(JSON.stringify(event.data)));
  }
  return events.map((e) => e.event);
}

const TEXT_EVENTS = ['thread.message.created', 'thread.message.in_progress', 'thread.message.delta'];

for (const api of ['chat', 'responses'] as const) {
  describe(`streamed runs (upstream: ${api})`, () => {
    let sim: Simulator;
    let serve: Serve;
    beforeAll(async () => {
      sim = await startSimulator();
    });
    afterAll(() => sim.close());
    beforeEach(async () => {
      sim.reset();
      serve = await startServe(sim, { api });
    });
    afterEach(() => serve.dispose());

    it('streams a text answer with the Assistants events, in order, and finalRun() is the completed run', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', instructions: 'Be brief.' });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Say hello' }] });
      sim.script({ text: ['Hello', ' there', '!'] });
      const events: AssistantStreamEvent[] = [];
      const deltas: string[] = [];
      const stream = client.beta.threads.runs
        .stream(thread.id, { assistant_id: assistant.id })
        .on('event', (event) => events.push(structuredClone(event)))
        .on('textDelta', (delta) => deltas.push(delta.value ?? ''));
      const run = await stream.finalRun();
      expect(run).toMatchObject({ status: 'completed', thread_id: thread.id, assistant_id: assistant.id, usage: { total_tokens: expect.any(Number) } });
      expect(deltas.join('')).toBe('Hello there!');
      const names = namesChecked(events);
      expect(names.filter((n) => n !== 'thread.message.delta')).toEqual([
        'thread.run.created',
        'thread.run.queued',
        'thread.run.in_progress',
        'thread.run.step.created',
        'thread.run.step.in_progress',
        'thread.message.created',
        'thread.message.in_progress',
        'thread.message.completed',
        'thread.run.step.completed',
        'thread.run.completed',
      ]);
      const [message] = await stream.finalMessages();
      expect(message?.content).toEqual([{ type: 'text', text: { value: 'Hello there!', annotations: [] } }]);
    });

    it('follows the tutorial: a function call pauses the run in requires_action, the submitted output streams on to the answer', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [weatherTool] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Paris?' }] });
      sim.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, id: 'call_paris' }] }, { text: ['It is sunny', ' in Paris.'] });

      const first: AssistantStreamEvent[] = [];
      const calls: string[] = [];
      const paused = await client.beta.threads.runs
        .stream(thread.id, { assistant_id: assistant.id })
        .on('event', (event) => first.push(structuredClone(event)))
        .on('toolCallCreated', (call) => calls.push(call.type === 'function' ? call.function.name : call.type))
        .finalRun();
      expect(paused.status).toBe('requires_action');
      expect(paused.required_action?.submit_tool_outputs.tool_calls).toEqual([
        { id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ]);
      expect(calls).toEqual(['get_weather']);
      expect(namesChecked(first).at(-1)).toBe('thread.run.requires_action');
      expect(first.map((e) => e.event)).not.toContain('thread.run.step.completed');

      const second: AssistantStreamEvent[] = [];
      const text: string[] = [];
      const stream = client.beta.threads.runs
        .submitToolOutputsStream(paused.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_paris', output: '22°C and sunny' }] })
        .on('event', (event) => second.push(structuredClone(event)))
        .on('textDelta', (delta) => text.push(delta.value ?? ''));
      const done = await stream.finalRun();
      expect(done.status).toBe('completed');
      expect(text.join('')).toBe('It is sunny in Paris.');
      const names = namesChecked(second);
      expect(names.slice(0, 2)).toEqual(['thread.run.in_progress', 'thread.run.step.completed']);
      expect(names.at(-1)).toBe('thread.run.completed');
      expect(sim.requests.at(-1)?.toolOutputs).toEqual([{ callId: 'call_paris', output: '22°C and sunny' }]);

      const steps = await client.beta.threads.runs.steps.list(paused.id, { thread_id: thread.id, order: 'asc' });
      expect(steps.data.map((s) => [s.type, s.status])).toEqual([
        ['tool_calls', 'completed'],
        ['message_creation', 'completed'],
      ]);
      expect(steps.data[0]?.step_details).toEqual({
        type: 'tool_calls',
        tool_calls: [{ id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}', output: '22°C and sunny' } }],
      });
    });

    it('streams a turn with text before its function calls one step at a time, as the SDK requires', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [weatherTool] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Weather in Rome and Oslo?' }] });
      sim.script({
        text: ['Let me ', 'check.'],
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Rome' } },
          { name: 'get_weather', arguments: { city: 'Oslo' } },
        ],
      });
      const events: AssistantStreamEvent[] = [];
      const run = await client.beta.threads.runs
        .stream(thread.id, { assistant_id: assistant.id })
        .on('event', (event) => events.push(structuredClone(event)))
        .finalRun();
      expect(run.status).toBe('requires_action');
      expect(run.required_action?.submit_tool_outputs.tool_calls.map((c) => c.function.arguments)).toEqual(['{"city":"Rome"}', '{"city":"Oslo"}']);
      const names = namesChecked(events).filter((n) => !n.endsWith('.delta'));
      expect(names.slice(3)).toEqual([
        'thread.run.step.created',
        'thread.run.step.in_progress',
        ...TEXT_EVENTS.slice(0, 2),
        'thread.message.completed',
        'thread.run.step.completed',
        'thread.run.step.created',
        'thread.run.step.in_progress',
        'thread.run.requires_action',
      ]);
    });

    it('streams the runtime’s own tools: a code interpreter call, in the API’s delta shapes', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [{ type: 'code_interpreter' }] });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Compute 6*7' }] });
      sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: 'print(6*7)' } }] }, { text: 'It is 42.' });
      const events: AssistantStreamEvent[] = [];
      const run = await client.beta.threads.runs
        .stream(thread.id, { assistant_id: assistant.id })
        .on('event', (event) => events.push(structuredClone(event)))
        .finalRun();
      expect(run.status).toBe('completed');
      namesChecked(events);
      const started = events.find((e) => e.event === 'thread.run.step.delta');
      expect(started?.data).toMatchObject({
        delta: { step_details: { tool_calls: [{ index: 0, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }] } },
      });
      const step = events.find((e) => e.event === 'thread.run.step.completed' && e.data.type === 'tool_calls');
      expect(step?.data).toMatchObject({ step_details: { tool_calls: [{ type: 'code_interpreter', code_interpreter: { input: 'print(6*7)' } }] } });
    });

    it('ends the stream with the run cancelled mid-answer, or failed when the provider fails', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Talk slowly' }] });
      sim.script({ text: ['One', ' two', ' three', ' four'], chunkDelayMs: 300 });
      const events: AssistantStreamEvent[] = [];
      let cancel: Promise<unknown> | undefined;
      const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).on('event', (event) => {
        events.push(structuredClone(event));
        if (event.event === 'thread.message.delta') cancel ??= client.beta.threads.runs.cancel(stream.currentRun()!.id, { thread_id: thread.id });
      });
      const cancelled = await stream.finalRun();
      expect(await cancel).toMatchObject({ status: 'cancelling' });
      expect(cancelled.status).toBe('cancelled');
      expect(
        namesChecked(events)
          .filter((n) => !n.endsWith('.delta'))
          .slice(-4),
      ).toEqual(['thread.run.cancelling', 'thread.message.incomplete', 'thread.run.step.cancelled', 'thread.run.cancelled']);

      sim.script({ fault: { status: 500, message: 'upstream exploded' } });
      const failed = await client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).finalRun();
      expect(failed).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } });
    });

    it('gives an SDK client the answer once when a broken upstream stream made the runtime ask again', async () => {
      await serve.dispose();
      serve = await startServe(sim, { api, maxRetries: 1 });
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Count' }] });
      const words = ['One', ' two', ' three', ' four', ' five', ' six'];
      sim.script({ text: words, fault: { dropAfterEvents: 6 } }, { text: words });
      const events: AssistantStreamEvent[] = [];
      const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).on('event', (event) => events.push(structuredClone(event)));
      expect(await stream.finalRun()).toMatchObject({ status: 'completed' });
      const texts = (messages: { content: { type: string; text?: { value: string } }[] }[]) =>
        messages.map((m) => m.content.map((c) => c.text?.value).join(''));
      expect(texts(await stream.finalMessages())).toEqual(['One two three four five six']);
      const listed = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
      expect(texts(listed.data.filter((m) => m.role === 'assistant'))).toEqual(['One two three four five six']);
      // The message is said to be in progress again when the cut text is taken back, every event within the spec.
      expect(namesChecked(events).filter((n) => n === 'thread.message.in_progress')).toHaveLength(2);
    });

    it('lets a client leave mid-stream: the run goes on to its end and the server to the next request', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'Go on' }] });
      sim.script({ text: ['a', 'b', 'c', 'd'], chunkDelayMs: 100 });
      const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
      stream.on('textDelta', () => stream.abort());
      await expect(stream.finalRun()).rejects.toThrow();
      const runId = stream.currentRun()!.id;
      const run = await client.beta.threads.runs.poll(runId, { thread_id: thread.id });
      expect(run.status).toBe('completed');
      const [answer] = (await client.beta.threads.messages.list(thread.id, { run_id: runId })).data;
      expect(answer?.content).toEqual([{ type: 'text', text: { value: 'abcd', annotations: [] } }]);
      expect(serve.errors).toEqual([]);
    });

    it('creates a thread and runs it in one stream (thread.created first), ending with done', async () => {
      const { client } = serve;
      const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
      sim.script({ text: 'Fine, thanks.' });
      const events: AssistantStreamEvent[] = [];
      const run = await client.beta.threads
        .createAndRunStream({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'How are you?' }] } })
        .on('event', (event) => events.push(structuredClone(event)))
        .finalRun();
      expect(run.status).toBe('completed');
      expect(namesChecked(events).slice(0, 2)).toEqual(['thread.created', 'thread.run.created']);
      const threadId = events[0]?.event === 'thread.created' ? events[0].data.id : null;
      expect(run.thread_id).toBe(threadId);

      sim.script({ text: 'Again.' });
      const response = await raw(serve, 'POST', `/threads/${threadId}/runs`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ assistant_id: assistant.id, stream: true }),
      });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = String(response.body);
      const records = text.split('\n\n').filter(Boolean);
      expect(records[0]).toMatch(/^event: thread\.run\.created\ndata: \{/);
      expect(records.slice(-2).map((r) => r.split('\n')[0])).toEqual(['event: thread.run.completed', 'event: done']);
      expect(records.at(-1)).toBe('event: done\ndata: [DONE]');
    });
  });
}
