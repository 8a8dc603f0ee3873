import { BadRequestError, NotFoundError, toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { readSse, request, setupSimulator } from './harness.ts';
import { assertMatchesSchema } from './spec.ts';

const env = setupSimulator();
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

async function assistantWithThread(text = 'What is the weather in Paris?') {
  const assistant = await env.client.beta.assistants.create({ model: 'gpt-4o-mini', instructions: 'Be brief.', tools: [weatherTool] });
  const thread = await env.client.beta.threads.create({ messages: [{ role: 'user', content: text }] });
  return { assistant, thread };
}

// Loading the spec and compiling the Assistants schemas takes a few seconds the first time.
describe('Assistants v2 through the official SDK', { timeout: 30_000 }, () => {
  it('creates, retrieves, updates, lists and deletes assistants', async () => {
    const file = await env.client.files.create({ file: await toFile(Buffer.from('print(1)'), 'a.py'), purpose: 'assistants' });
    const store = await env.client.vectorStores.create({ name: 'docs' });
    const assistant = await env.client.beta.assistants.create({
      model: 'gpt-4o-mini',
      name: 'Helper',
      instructions: 'Be brief.',
      tools: [weatherTool, { type: 'file_search' }, { type: 'code_interpreter' }],
      tool_resources: { file_search: { vector_store_ids: [store.id] }, code_interpreter: { file_ids: [file.id] } },
      metadata: { team: 'a' },
      temperature: 0.5,
      response_format: { type: 'json_object' },
    });
    assertMatchesSchema('AssistantObject', assistant);
    expect(assistant).toMatchObject({ object: 'assistant', name: 'Helper', description: null, temperature: 0.5, top_p: 1, metadata: { team: 'a' } });
    expect(assistant.tools[0]).toEqual({ ...weatherTool, function: { ...weatherTool.function, strict: false } });
    expect(assistant.tools[1]).toMatchObject({ type: 'file_search', file_search: { max_num_results: 20 } });
    expect(assistant.tool_resources).toEqual({ file_search: { vector_store_ids: [store.id] }, code_interpreter: { file_ids: [file.id] } });

    const updated = await env.client.beta.assistants.update(assistant.id, { name: 'Renamed', tools: [] });
    expect(updated).toMatchObject({ name: 'Renamed', tools: [], instructions: 'Be brief.' });
    await expect(env.client.beta.assistants.retrieve(assistant.id)).resolves.toMatchObject({ name: 'Renamed' });
    await expect(env.client.beta.assistants.update(assistant.id, { temperature: 5 })).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      env.client.beta.assistants.create({ model: 'gpt-4o-mini', tool_resources: { file_search: { vector_store_ids: ['vs_missing'] } } }),
    ).rejects.toBeInstanceOf(NotFoundError);

    const second = await env.client.beta.assistants.create({ model: 'gpt-4.1-mini' });
    const ids = [];
    for await (const item of env.client.beta.assistants.list({ limit: 1, order: 'asc' })) ids.push(item.id);
    expect(ids).toEqual([assistant.id, second.id]);
    await expect(env.client.beta.assistants.delete(second.id)).resolves.toEqual({ id: second.id, object: 'assistant.deleted', deleted: true });
    const missing = await request(env.sim, 'GET', `/v1/assistants/${second.id}`);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: unknown };
    assertMatchesSchema('ErrorResponse', body);
    expect(body.error).toEqual({ message: `No assistant found with id '${second.id}'.`, type: 'invalid_request_error', param: null, code: null });
  });

  it('keeps threads and their messages', async () => {
    const thread = await env.client.beta.threads.create({ messages: [{ role: 'user', content: 'first' }], metadata: { user: 'u1' } });
    assertMatchesSchema('ThreadObject', thread);
    const second = await env.client.beta.threads.messages.create(thread.id, { role: 'assistant', content: [{ type: 'text', text: 'second' }] });
    assertMatchesSchema('MessageObject', second);
    expect(second).toMatchObject({ object: 'thread.message', role: 'assistant', status: 'completed', run_id: null, assistant_id: null, attachments: [] });
    expect(second.content).toEqual([{ type: 'text', text: { value: 'second', annotations: [] } }]);

    const ascending = await env.client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(ascending.data.map((message) => message.content[0]?.type === 'text' && message.content[0].text.value)).toEqual(['first', 'second']);
    const newestFirst = await env.client.beta.threads.messages.list(thread.id);
    expect(newestFirst.data[0]?.id).toBe(second.id);
    const before = await env.client.beta.threads.messages.list(thread.id, { order: 'asc', before: second.id });
    expect(before.data).toHaveLength(1);
    await expect(env.client.beta.threads.messages.retrieve(second.id, { thread_id: thread.id })).resolves.toEqual(second);
    await expect(env.client.beta.threads.retrieve(thread.id)).resolves.toEqual(thread);

    await expect(env.client.beta.threads.delete(thread.id)).resolves.toEqual({ id: thread.id, object: 'thread.deleted', deleted: true });
    await expect(env.client.beta.threads.retrieve(thread.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.client.beta.threads.messages.list(thread.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('streams a text answer through the stream helper', async () => {
    const { assistant, thread } = await assistantWithThread();
    env.sim.script({ text: ['It is ', 'sunny ', 'in Paris.'] });
    const deltas: string[] = [];
    const stream = env.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id }).on('textDelta', (delta) => deltas.push(delta.value ?? ''));
    const run = await stream.finalRun();
    expect(deltas).toEqual(['It is ', 'sunny ', 'in Paris.']);
    expect(run).toMatchObject({ status: 'completed', thread_id: thread.id, assistant_id: assistant.id, instructions: 'Be brief.', model: 'gpt-4o-mini' });
    expect(run.usage?.total_tokens).toBeGreaterThan(0);
    const [answer] = await stream.finalMessages();
    expect(answer?.content).toEqual([{ type: 'text', text: { value: 'It is sunny in Paris.', annotations: [] } }]);

    const stored = await env.client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(stored.data.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(stored.data[1]).toMatchObject({ run_id: run.id, assistant_id: assistant.id, status: 'completed' });
    const steps = await env.client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    expect(steps.data).toHaveLength(1);
    expect(steps.data[0]).toMatchObject({ type: 'message_creation', status: 'completed', step_details: { message_creation: { message_id: answer?.id } } });
    const request = env.sim.requests[0];
    expect(request).toMatchObject({ endpoint: 'assistants', lastUserText: 'What is the weather in Paris?', toolOutputs: [] });
    expect(request?.body).toMatchObject({
      instructions: 'Be brief.',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tool_outputs: [],
    });
    expect(request?.headers['openai-beta']).toBe('assistants=v2');
  });

  it('plays a function call round trip over streams', async () => {
    const { assistant, thread } = await assistantWithThread();
    env.sim.script({ toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] }, { text: 'It is 21 degrees.' });
    const first = env.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const created: string[] = [];
    first.on('toolCallCreated', (call) => created.push(call.type));
    const waiting = await first.finalRun();
    expect(created).toEqual(['function']);
    expect(waiting.status).toBe('requires_action');
    const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? [];
    expect(calls).toEqual([{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);

    await expect(env.client.beta.threads.messages.create(thread.id, { role: 'user', content: 'hurry' })).rejects.toBeInstanceOf(BadRequestError);
    await expect(
      env.client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: 'call_x', output: '1' }] }),
    ).rejects.toThrow(/Expected tool outputs for call_ids \['call_1'\]/);

    const second = env.client.beta.threads.runs.submitToolOutputsStream(waiting.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: 'call_1', output: '21C' }],
    });
    let text = '';
    second.on('textDelta', (delta) => (text += delta.value ?? ''));
    const done = await second.finalRun();
    expect(done.status).toBe('completed');
    expect(text).toBe('It is 21 degrees.');
    expect(env.sim.requests[1]?.toolOutputs).toEqual([{ callId: 'call_1', output: '21C' }]);
    expect(env.sim.requests[1]?.body.tool_outputs).toEqual([{ tool_call_id: 'call_1', output: '21C' }]);

    const steps = await env.client.beta.threads.runs.steps.list(done.id, { thread_id: thread.id, order: 'asc' });
    expect(steps.data.map((step) => [step.type, step.status])).toEqual([
      ['tool_calls', 'completed'],
      ['message_creation', 'completed'],
    ]);
    expect(steps.data[0]?.step_details).toEqual({
      type: 'tool_calls',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}', output: '21C' } }],
    });
    for (const step of steps.data) assertMatchesSchema('RunStepObject', step);
  });

  it('plays the same round trip with createAndPoll and submitToolOutputsAndPoll', async () => {
    const { assistant, thread } = await assistantWithThread();
    env.sim.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }], chunkDelayMs: 5 }, { text: 'Cold.', delayMs: 30 });
    const waiting = await env.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    assertMatchesSchema('RunObject', waiting);
    const call = waiting.required_action?.submit_tool_outputs.tool_calls[0];
    expect(waiting.status).toBe('requires_action');
    expect(call?.function).toEqual({ name: 'get_weather', arguments: '{"city":"Oslo"}' });
    const done = await env.client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, {
      thread_id: thread.id,
      tool_outputs: [{ tool_call_id: call?.id ?? '', output: '-3C' }],
    });
    expect(done).toMatchObject({ status: 'completed', required_action: null });
    expect(env.sim.requests[1]?.toolOutputs).toEqual([{ callId: call?.id, output: '-3C' }]);
    const runs = await env.client.beta.threads.runs.list(thread.id);
    expect(runs.data.map((run) => run.id)).toEqual([done.id]);
    const [answer] = (await env.client.beta.threads.messages.list(thread.id, { run_id: done.id })).data;
    expect(answer?.content[0]).toMatchObject({ type: 'text', text: { value: 'Cold.' } });
  });

  it('sends every event framed and valid, ending with done; thread-and-run starts with thread.created', async () => {
    const { assistant } = await assistantWithThread();
    env.sim.script({ text: 'Hello there.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] });
    const response = await request(env.sim, 'POST', '/v1/threads/runs', {
      assistant_id: assistant.id,
      stream: true,
      thread: { messages: [{ role: 'user', content: 'Rome?' }] },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const records = await readSse(response);
    expect(records.at(-1)).toEqual({ event: 'done', data: '[DONE]' });
    const events = records.slice(0, -1).map((record) => ({ event: record.event, data: JSON.parse(record.data) as { object?: string } }));
    for (const event of events) assertMatchesSchema('AssistantStreamEvent', event);
    expect(events.map((event) => event.event)).toEqual([
      'thread.created',
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      'thread.message.created',
      'thread.message.in_progress',
      'thread.message.delta',
      'thread.message.delta',
      'thread.message.completed',
      'thread.run.step.completed',
      'thread.run.step.created',
      'thread.run.step.in_progress',
      ...events.slice(14, -1).map(() => 'thread.run.step.delta'),
      'thread.run.requires_action',
    ]);
  });

  it('retries a scripted 429 and cancels a run', async () => {
    const { assistant, thread } = await assistantWithThread();
    env.sim.script({ fault: { status: 429, retryAfterMs: 0 } }, { toolCalls: [{ name: 'get_weather', arguments: {} }] });
    const run = await env.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('requires_action');
    expect(env.sim.requests).toHaveLength(2);
    expect((await env.client.beta.threads.runs.list(thread.id)).data).toHaveLength(1);

    const cancelling = await env.client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    expect(cancelling.status).toBe('cancelling');
    const cancelled = await env.client.beta.threads.runs.poll(run.id, { thread_id: thread.id });
    expect(cancelled).toMatchObject({ status: 'cancelled', required_action: null });
    const [step] = (await env.client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id })).data;
    expect(step?.status).toBe('cancelled');
    await expect(env.client.beta.threads.runs.retrieve('run_missing', { thread_id: thread.id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('announces a cancel in the stream that is playing the run, and fails a non-streamed run on a drop fault', async () => {
    const { assistant, thread } = await assistantWithThread();
    env.sim.script({ text: ['one ', 'two ', 'three ', 'four'], chunkDelayMs: 30 }, { text: 'lost', fault: { dropAfterEvents: 3 } });
    const stream = env.client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    stream.on('messageCreated', (message) => void env.client.beta.threads.runs.cancel(message.run_id ?? '', { thread_id: thread.id }));
    const run = await stream.finalRun();
    expect(run.status).toBe('cancelled');
    const [answer] = (await env.client.beta.threads.messages.list(thread.id, { run_id: run.id })).data;
    expect(answer).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'run_cancelled' } });

    const failed = await env.client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(failed).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } });
  });
});
