import { toFile } from 'openai';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { readSse, request, setupSimulator } from './harness.ts';
import { assertMatchesSchema } from './spec.ts';

const env = setupSimulator();
const model = 'gpt-4.1-mini';
// The eight bytes every PNG starts with, then a little payload: enough to check a download byte for byte.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function seedStore(): Promise<{ storeId: string; breadId: string }> {
  const store = await env.client.vectorStores.create({ name: 'Kitchen' });
  const bread = await env.client.files.create({
    file: await toFile(Buffer.from('Bake sourdough bread in a hot oven after feeding the starter.'), 'bread.txt'),
    purpose: 'assistants',
  });
  const soup = await env.client.files.create({
    file: await toFile(Buffer.from('Simmer the soup slowly with onions and stock.'), 'soup.md'),
    purpose: 'assistants',
  });
  await env.client.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: [bread.id, soup.id] });
  return { storeId: store.id, breadId: bread.id };
}

/** Streams a raw request and checks every event against the spec, its `event:` line and its sequence number. */
async function rawStream(body: Record<string, unknown>): Promise<{ type: string; [key: string]: unknown }[]> {
  const response = await request(env.sim, 'POST', '/v1/responses', { ...body, stream: true });
  expect(response.status).toBe(200);
  const events = (await readSse(response)).map((record, index) => {
    const event = JSON.parse(record.data) as { type: string; sequence_number: number };
    expect(record.event).toBe(event.type);
    expect(event.sequence_number).toBe(index);
    assertMatchesSchema('ResponseStreamEvent', event);
    return event;
  });
  const last = events.at(-1) as { response?: unknown } | undefined;
  assertMatchesSchema('Response', last?.response);
  return events;
}

async function collect(stream: AsyncIterable<ResponseStreamEvent>): Promise<ResponseStreamEvent[]> {
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('hosted file search in the Responses API', { timeout: 30_000 }, () => {
  it('streams a file_search_call with its results and a file citation through the SDK', async () => {
    const { storeId, breadId } = await seedStore();
    env.sim.script({
      fileSearch: { queries: ['sourdough bread oven'] },
      text: ['Use a hot oven.', ' Feed the starter first.'],
      citations: [{ result: 0, index: 15 }],
    });
    const tool = { type: 'file_search' as const, vector_store_ids: [storeId], max_num_results: 3 };
    const stream = env.client.responses.stream({ model, input: 'How do I bake bread?', tools: [tool], include: ['file_search_call.results'] });
    const events = await collect(stream);
    const response = await stream.finalResponse();

    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.file_search_call.in_progress',
      'response.file_search_call.searching',
      'response.file_search_call.completed',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.annotation.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const [search, message] = response.output;
    expect(search).toMatchObject({ type: 'file_search_call', status: 'completed', queries: ['sourdough bread oven'] });
    expect(search?.id).toMatch(/^fs_/);
    const results = search?.type === 'file_search_call' ? (search.results ?? []) : [];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ file_id: breadId, filename: 'bread.txt', attributes: {}, text: expect.stringContaining('sourdough') });
    expect(results[0]?.score).toBeGreaterThan(0);
    expect(results[0]?.score).toBeLessThanOrEqual(1);
    const part = message?.type === 'message' ? message.content[0] : undefined;
    expect(part?.type === 'output_text' && part.annotations).toEqual([{ type: 'file_citation', file_id: breadId, filename: 'bread.txt', index: 15 }]);
    expect(response.output_text).toBe('Use a hot oven. Feed the starter first.');
    expect(response.tools).toEqual([{ ...tool, filters: null, ranking_options: { ranker: 'auto', score_threshold: 0 } }]);
    expect(env.sim.requests[0]?.body.include).toEqual(['file_search_call.results']);
  });

  it('leaves results out unless they are included, and matches the spec event by event', async () => {
    const { storeId } = await seedStore();
    env.sim.script({ fileSearch: {}, text: 'Simmer it.', citations: [{ result: 0 }] }, { fileSearch: { queries: ['soup', 'bread'] }, text: 'Both.' });
    const tools = [{ type: 'file_search', vector_store_ids: [storeId] }];
    const events = await rawStream({ model, input: 'How long should soup simmer?', tools });
    const done = events.find((event) => event.type === 'response.output_item.done');
    // With no scripted queries the model searches with the user's message.
    expect(done?.item).toMatchObject({ type: 'file_search_call', queries: ['How long should soup simmer?'], results: null });
    const annotation = events.find((event) => event.type === 'response.output_text.annotation.added');
    expect(annotation).toMatchObject({ annotation_index: 0, annotation: { type: 'file_citation', filename: 'soup.md', index: 10 } });

    const response = await request(env.sim, 'POST', '/v1/responses', { model, input: 'q', tools, include: ['file_search_call.results'] });
    const body = (await response.json()) as { output: { results?: { filename: string }[] }[] };
    assertMatchesSchema('Response', body);
    expect(body.output[0]?.results?.map((result) => result.filename).sort()).toEqual(['bread.txt', 'soup.md']);
  });
});

describe('hosted code interpreter in the Responses API', { timeout: 30_000 }, () => {
  it('streams a code_interpreter_call in an auto container, stores the files and cites them', async () => {
    env.sim.script({
      codeInterpreter: {
        code: 'import pandas as pd\nprint(len(pd.read_csv("data.csv")))\n',
        logs: '2\n',
        images: [{ name: 'chart.png', content: PNG }],
        files: [{ name: 'out.csv', content: 'a,b\n1,2\n' }],
      },
      text: ['Saved ', '[out.csv](sandbox:/mnt/data/out.csv).'],
    });
    const stream = env.client.responses.stream({
      model,
      input: 'Count the rows',
      tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
      include: ['code_interpreter_call.outputs'],
    });
    const events = await collect(stream);
    const response = await stream.finalResponse();

    expect(events.map((event) => event.type).slice(2, 11)).toEqual([
      'response.output_item.added',
      'response.code_interpreter_call.in_progress',
      'response.code_interpreter_call_code.delta',
      'response.code_interpreter_call_code.delta',
      'response.code_interpreter_call_code.done',
      'response.code_interpreter_call.interpreting',
      'response.code_interpreter_call.completed',
      'response.output_item.done',
      'response.output_item.added',
    ]);
    const [call, message] = response.output;
    if (call?.type !== 'code_interpreter_call') throw new Error(`expected a code_interpreter_call, got ${call?.type}`);
    expect(call).toMatchObject({ status: 'completed', code: 'import pandas as pd\nprint(len(pd.read_csv("data.csv")))\n' });
    expect(call.id).toMatch(/^ci_/);
    expect(call.container_id).toMatch(/^cntr_/);
    const [logs, image] = call.outputs ?? [];
    expect(logs).toEqual({ type: 'logs', logs: '2\n' });
    const download = await fetch(image?.type === 'image' ? image.url : '', { headers: { authorization: 'Bearer k' } });
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);

    const files = await env.client.containers.files.list(call.container_id, { order: 'asc' });
    expect(files.data.map((file) => [file.path, file.source])).toEqual([
      ['/mnt/data/chart.png', 'assistant'],
      ['/mnt/data/out.csv', 'assistant'],
    ]);
    const csv = files.data[1];
    const part = message?.type === 'message' ? message.content[0] : undefined;
    const text = 'Saved [out.csv](sandbox:/mnt/data/out.csv).';
    expect(part?.type === 'output_text' && part.annotations).toEqual([
      {
        type: 'container_file_citation',
        container_id: call.container_id,
        file_id: csv?.id,
        filename: 'out.csv',
        start_index: text.indexOf('sandbox:'),
        end_index: text.length - 2,
      },
    ]);
    const content = await env.client.containers.files.content.retrieve(csv?.id ?? '', { container_id: call.container_id });
    expect(await content.text()).toBe('a,b\n1,2\n');
  });

  it('reuses a named container, leaves outputs out unless included, and matches the spec', async () => {
    const container = await env.client.containers.create({ name: 'kept' });
    env.sim.script(
      { codeInterpreter: { code: 'x = 1', logs: '' }, text: 'Done.' },
      { codeInterpreter: { code: 'print(x)', logs: '1\n', files: [{ name: 'x.txt', content: '1' }] }, text: 'See x.txt' },
    );
    const tools = [{ type: 'code_interpreter', container: container.id }];
    const events = await rawStream({ model, input: 'Set x', tools });
    expect(events.find((event) => event.type === 'response.output_item.done')?.item).toMatchObject({
      container_id: container.id,
      code: 'x = 1',
      outputs: null,
    });

    const second = await rawStream({ model, input: 'Print x', tools, include: ['code_interpreter_call.outputs'] });
    const final = second.at(-1)?.response as { output: Record<string, unknown>[] };
    expect(final.output[0]).toMatchObject({ container_id: container.id, outputs: [{ type: 'logs', logs: '1\n' }] });
    const part = (final.output[1]?.content as { annotations: unknown[] }[] | undefined)?.[0];
    expect(part?.annotations).toMatchObject([{ type: 'container_file_citation', filename: 'x.txt', start_index: 4, end_index: 9 }]);
    const containers = await env.client.containers.list();
    expect(containers.data.map((item) => item.id)).toEqual([container.id]);
  });
});

describe('hosted tools elsewhere', () => {
  it("Chat Completions rejects hosted tools with the API's 400", async () => {
    const response = await request(env.sim, 'POST', '/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'q' }],
      tools: [{ type: 'file_search' }],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid value: 'file_search'. Supported values are: 'function' and 'custom'.",
        type: 'invalid_request_error',
        param: 'tools[0].type',
        code: 'invalid_value',
      },
    });
  });

  it('fails fast when a turn uses a hosted tool the request does not offer', async () => {
    env.sim.script({ codeInterpreter: { code: 'print(1)' } });
    await expect(env.client.responses.create({ model, input: 'q' })).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('no code_interpreter tool'),
    });
    expect(env.sim.requests).toHaveLength(1);
  });
});
