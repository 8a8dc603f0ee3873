// Runs polled through the SDK's helpers, their overrides, steps, cancel, refusals and failures.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openFileIndex, textSource } from '../../electron/engine/index.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checked, raw, startServe, weatherTool, type Serve } from './harness.ts';

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  serve = await startServe(sim);
});
afterEach(() => serve.dispose());

const userThread = (text = 'Hi') => serve.client.beta.threads.create({ messages: [{ role: 'user', content: text }] });

describe('runs', () => {
  it('createAndPoll runs to completion; the answer, the run and its steps are in the API’s shapes', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', instructions: 'Answer in one word.' });
    const thread = await userThread('Capital of France?');
    sim.script({ text: 'Paris.' });
    const run = checked('RunObject', await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }));
    expect(run).toMatchObject({ status: 'completed', model: 'gpt-4o', instructions: 'Answer in one word.', tools: [], last_error: null });
    expect(run.usage?.total_tokens).toBeGreaterThan(0);
    expect(Object.keys(run)).not.toContain('provider_id');

    const messages = checked('ListMessagesResponse', await client.beta.threads.messages.list(thread.id, { run_id: run.id }));
    expect(messages.data.map((m) => [m.role, m.assistant_id, m.content])).toEqual([
      ['assistant', assistant.id, [{ type: 'text', text: { value: 'Paris.', annotations: [] } }]],
    ]);
    const steps = checked('ListRunStepsResponse', await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id }));
    expect(steps.data).toHaveLength(1);
    const step = checked('RunStepObject', await client.beta.threads.runs.steps.retrieve(steps.data[0]!.id, { thread_id: thread.id, run_id: run.id }));
    expect(step).toMatchObject({ type: 'message_creation', status: 'completed', step_details: { message_creation: { message_id: messages.data[0]!.id } } });

    const list = checked('ListRunsResponse', await client.beta.threads.runs.list(thread.id));
    expect(list.data.map((r) => r.id)).toEqual([run.id]);
    const updated = checked('RunObject', await client.beta.threads.runs.update(run.id, { thread_id: thread.id, metadata: { rated: 'good' } }));
    expect(updated.metadata).toEqual({ rated: 'good' });
    const retrieved = await raw(serve, 'GET', `/threads/${thread.id}/runs/${run.id}`);
    expect(retrieved.headers.get('openai-poll-after-ms')).toBe('10');
    expect(retrieved.body).toMatchObject({ id: run.id, metadata: { rated: 'good' } });
  });

  it('a non-streamed run starts queued; submitToolOutputsAndPoll answers its function call', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o', tools: [weatherTool] });
    const thread = await userThread('Weather in Lima?');
    sim.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Lima' } }] }, { text: 'Cloudy.' });
    const created = checked('RunObject', await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id }));
    expect(created.status).toBe('queued');
    const paused = await client.beta.threads.runs.poll(created.id, { thread_id: thread.id });
    expect(checked('RunObject', paused)).toMatchObject({ status: 'requires_action', required_action: { type: 'submit_tool_outputs' } });
    const call = paused.required_action!.submit_tool_outputs.tool_calls[0]!;

    await expect(client.beta.threads.runs.submitToolOutputs(paused.id, { thread_id: thread.id, tool_outputs: [] })).rejects.toMatchObject({ status: 400 });
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(paused.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: call.id, output: '18°C' }],
    });
    expect(checked('RunObject', done)).toMatchObject({ status: 'completed', required_action: null });
    await expect(client.beta.threads.runs.submitToolOutputs(done.id, { thread_id: thread.id, tool_outputs: [] })).rejects.toMatchObject({
      status: 400,
      message: '400 Runs in status "completed" do not accept tool outputs.',
    });
  });

  it('creates a thread and runs it (createAndRunPoll)', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    sim.script({ text: 'Done.' });
    const run = await client.beta.threads.createAndRunPoll({
      assistant_id: assistant.id,
      thread: { messages: [{ role: 'user', content: 'Go' }], metadata: { from: 'test' } },
      metadata: { run: '1' },
    });
    expect(checked('RunObject', run)).toMatchObject({ status: 'completed', metadata: { run: '1' } });
    expect(await client.beta.threads.retrieve(run.thread_id)).toMatchObject({ metadata: { from: 'test' } });
    await expect(client.beta.threads.createAndRun({ assistant_id: 'asst_nope', thread: {} })).rejects.toMatchObject({
      status: 404,
      message: "404 No assistant found with id 'asst_nope'.",
    });
  });

  it('applies every override of a run and passes them to the model; the alias table picks the model', async () => {
    await serve.dispose();
    serve = await startServe(sim, { server: { resolveModel: (name) => (name === 'gpt-4o' ? 'local-llama' : name) } });
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o-mini', instructions: 'Base.', tools: [weatherTool], temperature: 0.1 });
    const thread = await userThread('First');
    sim.script({ text: 'ok' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, {
      assistant_id: assistant.id,
      model: 'gpt-4o',
      instructions: 'Replaced.',
      additional_instructions: 'Also this.',
      additional_messages: [
        { role: 'assistant', content: 'An earlier answer' },
        { role: 'user', content: [{ type: 'text', text: 'Second' }] },
      ],
      tools: [{ type: 'code_interpreter' }],
      temperature: 1.5,
      top_p: 0.9,
      max_completion_tokens: 300,
      max_prompt_tokens: 5000,
      truncation_strategy: { type: 'last_messages', last_messages: 2 },
      tool_choice: 'none',
      parallel_tool_calls: false,
      response_format: { type: 'json_object' },
      metadata: { case: 'overrides' },
    });
    expect(checked('RunObject', run)).toMatchObject({
      status: 'completed',
      model: 'local-llama',
      instructions: 'Replaced.\n\nAlso this.',
      tools: [{ type: 'code_interpreter' }],
      temperature: 1.5,
      top_p: 0.9,
      max_completion_tokens: 300,
      max_prompt_tokens: 5000,
      truncation_strategy: { type: 'last_messages', last_messages: 2 },
      tool_choice: 'none',
      parallel_tool_calls: false,
      response_format: { type: 'json_object' },
      metadata: { case: 'overrides' },
    });
    const body = sim.requests.at(-1)!.body as { model: string; temperature: number; top_p: number; messages: { role: string; content: string }[] };
    expect(body).toMatchObject({ model: 'local-llama', temperature: 1.5, top_p: 0.9, tool_choice: 'none', response_format: { type: 'json_object' } });
    expect(body.messages.map((m) => [m.role, m.content])).toEqual([
      ['system', 'Replaced.\n\nAlso this.'],
      ['assistant', 'An earlier answer'],
      ['user', 'Second'],
    ]);
    const added = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(added.data.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });

  it('refuses a run (and its extra messages) while the thread has one active, and messages or deletion while it runs', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await userThread();
    sim.script({ text: 'slow', delayMs: 400 });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await expect(
      client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, additional_messages: [{ role: 'user', content: 'more' }] }),
    ).rejects.toMatchObject({ status: 400, message: `400 Thread ${thread.id} already has an active run ${run.id}.` });
    await expect(client.beta.threads.messages.create(thread.id, { role: 'user', content: 'more' })).rejects.toMatchObject({
      status: 400,
      message: `400 Can't add messages to ${thread.id} while a run ${run.id} is active.`,
    });
    await expect(client.beta.threads.delete(thread.id)).rejects.toMatchObject({ status: 400 });
    expect((await client.beta.threads.runs.poll(run.id, { thread_id: thread.id })).status).toBe('completed');
    expect((await client.beta.threads.messages.list(thread.id)).data.map((m) => m.role)).toEqual(['assistant', 'user']);
  });

  it('cancels a run: cancelling at once, then cancelled; a finished run cannot be cancelled', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await userThread();
    sim.script({ text: 'never finished', delayMs: 5000 });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    const cancelling = checked('RunObject', await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id }));
    expect(cancelling.status).toBe('cancelling');
    const cancelled = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    expect(checked('RunObject', cancelled)).toMatchObject({ status: 'cancelled', cancelled_at: expect.any(Number) });
    await expect(client.beta.threads.runs.cancel(run.id, { thread_id: thread.id })).rejects.toMatchObject({
      status: 400,
      message: "400 Cannot cancel run with status 'cancelled'.",
    });
  });

  it('ends a run whose provider fails as failed with last_error, in the API’s error codes', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await userThread();
    sim.script({ fault: { status: 500, message: 'upstream exploded' } });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(checked('RunObject', run)).toMatchObject({
      status: 'failed',
      last_error: { code: 'server_error', message: expect.any(String) },
      failed_at: expect.any(Number),
    });
    sim.script({ fault: { status: 429, message: 'slow down' } });
    const limited = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(checked('RunObject', limited)).toMatchObject({ status: 'failed', last_error: { code: 'rate_limit_exceeded' } });
    expect(serve.errors).toEqual([]);
  });

  it('answers 404 for runs and steps that are not there, or not in that thread', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await userThread();
    sim.script({ text: 'x' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    const other = await client.beta.threads.create();
    await expect(client.beta.threads.runs.retrieve(run.id, { thread_id: other.id })).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.threads.runs.retrieve('run_nope', { thread_id: thread.id })).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.threads.runs.steps.retrieve('step_nope', { thread_id: thread.id, run_id: run.id })).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.threads.runs.create('thread_nope', { assistant_id: assistant.id })).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, temperature: 5 })).rejects.toMatchObject({
      status: 400,
      param: 'temperature',
    });
    await expect(client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id, max_completion_tokens: 10 })).rejects.toMatchObject({
      param: 'max_completion_tokens',
    });
  });
});

describe('run steps with file search', () => {
  it('lists the search’s results, with their text only when include[] asks for it', async () => {
    const { client, store } = serve;
    await openFileIndex(store.database).index('vs_refunds', {
      sources: [textSource('refunds.md', 'refunds.md', 'Refunds are paid within 14 days of the return.')],
      chunking: { type: 'auto' },
    });
    const assistant = await client.beta.assistants.create({
      model: 'gpt-4o',
      tools: [{ type: 'file_search' }],
      tool_resources: { file_search: { vector_store_ids: ['vs_refunds'] } },
    });
    const thread = await userThread('How long do refunds take?');
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refunds days' } }] }, { text: 'Within 14 days.' });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');
    const plain = checked('ListRunStepsResponse', await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' }));
    const withText = checked(
      'ListRunStepsResponse',
      await client.beta.threads.runs.steps.list(run.id, {
        thread_id: thread.id,
        order: 'asc',
        include: ['step_details.tool_calls[*].file_search.results[*].content'],
      }),
    );
    const resultsOf = (step: (typeof plain.data)[number] | undefined) =>
      step?.step_details.type === 'tool_calls' && step.step_details.tool_calls[0]?.type === 'file_search'
        ? step.step_details.tool_calls[0].file_search.results
        : null;
    expect(resultsOf(plain.data[0])).toEqual([{ file_id: expect.any(String), file_name: 'refunds.md', score: expect.any(Number) }]);
    expect(resultsOf(withText.data[0])?.[0]?.content).toEqual([{ type: 'text', text: expect.stringContaining('14 days') }]);
    await expect(raw(serve, 'GET', `/threads/${thread.id}/runs/${run.id}/steps?include[]=everything`)).resolves.toMatchObject({
      status: 400,
      body: { error: { param: 'include[]' } },
    });
  });
});

describe('a restart', () => {
  it('marks the runs it interrupted failed, as the app does', async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await userThread();
    sim.script({ text: 'never', delayMs: 10_000 });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await expect.poll(async () => (await client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id })).status).toBe('in_progress');
    serve.store.flush();
    // A second process on the same database, as after a crash of the first.
    const restarted = await startServe(sim, { dbFile: serve.dbFile });
    try {
      const after = checked('RunObject', await restarted.client.beta.threads.runs.retrieve(run.id, { thread_id: thread.id }));
      expect(after).toMatchObject({
        status: 'failed',
        last_error: { code: 'server_error', message: expect.stringContaining('stopped while this run was in progress') },
      });
    } finally {
      await restarted.dispose({ keep: true });
    }
  });
});
