// Assistants, threads and messages through the official SDK: every answer checked against the spec.
import { type APIError, BadRequestError, NotFoundError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

describe('assistants', () => {
  it('creates, retrieves, modifies, lists and deletes assistants in the API’s shapes', async () => {
    const { client } = serve;
    const created = checked(
      'AssistantObject',
      await client.beta.assistants.create({
        model: 'gpt-4o',
        name: 'Math tutor',
        instructions: 'You are a personal math tutor.',
        tools: [{ type: 'code_interpreter' }, { type: 'file_search' }, weatherTool],
        metadata: { team: 'math' },
        temperature: 0.2,
      }),
    );
    expect(created).toMatchObject({
      object: 'assistant',
      model: 'gpt-4o',
      description: null,
      response_format: 'auto',
      tool_resources: null,
      tools: [
        { type: 'code_interpreter' },
        { type: 'file_search', file_search: { max_num_results: 20, ranking_options: { ranker: 'auto', score_threshold: 0 } } },
        { type: 'function', function: { name: 'get_weather', strict: false } },
      ],
    });
    expect(created.id).toMatch(/^asst_/);
    expect(checked('AssistantObject', await client.beta.assistants.retrieve(created.id))).toEqual(created);

    const modified = checked('AssistantObject', await client.beta.assistants.update(created.id, { name: 'Tutor', metadata: { team: 'b' }, top_p: 0.5 }));
    expect(modified).toMatchObject({ id: created.id, name: 'Tutor', metadata: { team: 'b' }, top_p: 0.5, instructions: created.instructions });

    const list = checked('ListAssistantsResponse', await client.beta.assistants.list());
    expect(list.data.map((a) => a.id)).toEqual([created.id]);

    expect(checked('DeleteAssistantResponse', await client.beta.assistants.delete(created.id))).toEqual({
      id: created.id,
      object: 'assistant.deleted',
      deleted: true,
    });
    await expect(client.beta.assistants.retrieve(created.id)).rejects.toMatchObject({
      status: 404,
      message: `404 No assistant found with id '${created.id}'.`,
    });
  });

  it('pages with limit, order, after and before, and the SDK’s auto-paging walks every page', async () => {
    const { client } = serve;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.beta.assistants.create({ model: 'gpt-4o', name: `a${i}` })).id);
    const seen: string[] = [];
    for await (const assistant of client.beta.assistants.list({ limit: 2 })) seen.push(assistant.id);
    expect(seen).toEqual([...ids].reverse());

    checked('ListAssistantsResponse', await client.beta.assistants.list({ limit: 2, order: 'asc' }));
    const first = await raw(serve, 'GET', '/assistants?limit=2&order=asc');
    expect(first.body).toMatchObject({ object: 'list', first_id: ids[0], last_id: ids[1], has_more: true });
    const next = await client.beta.assistants.list({ limit: 2, order: 'asc', after: ids[1]! });
    expect(next.data.map((a) => a.id)).toEqual([ids[2], ids[3]]);
    const last = await client.beta.assistants.list({ limit: 2, order: 'asc', after: ids[3]! });
    expect([last.data.map((a) => a.id), last.has_more]).toEqual([[ids[4]], false]);
    const before = await client.beta.assistants.list({ limit: 2, order: 'asc', before: ids[3]! });
    expect([before.data.map((a) => a.id), before.has_more]).toEqual([[ids[1], ids[2]], true]);

    const empty = await raw(serve, 'GET', `/assistants?after=${ids[0]}`);
    expect(empty).toMatchObject({ status: 200, body: { object: 'list', data: [], first_id: null, last_id: null, has_more: false } });
    await expect(client.beta.assistants.list({ limit: 101 })).rejects.toMatchObject({ status: 400, param: 'limit' });
    await expect(client.beta.assistants.list({ after: 'asst_nope' })).rejects.toMatchObject({ status: 404, param: 'after' });
  });

  it('refuses invalid parameters with a 400 naming them, and changes nothing', async () => {
    const { client } = serve;
    await client.beta.assistants.create({ model: 'gpt-4o', name: 'kept' });
    const before = await client.beta.assistants.list();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'no model' }, 'model'],
      [{ model: 'gpt-4o', tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 'tools[0].function.name'],
      [{ model: 'gpt-4o', tools: [{ type: 'web_search' }] }, 'tools[0].type'],
      [{ model: 'gpt-4o', temperature: 3 }, 'temperature'],
      [{ model: 'gpt-4o', top_p: -1 }, 'top_p'],
      [{ model: 'gpt-4o', name: 'x'.repeat(257) }, 'name'],
      [{ model: 'gpt-4o', metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) }, 'metadata'],
      [{ model: 'gpt-4o', metadata: { key: 'v'.repeat(513) } }, 'metadata.key'],
      [{ model: 'gpt-4o', tools: Array.from({ length: 129 }, () => ({ type: 'code_interpreter' })) }, 'tools'],
      [{ model: 'gpt-4o', response_format: { type: 'xml' } }, 'response_format.type'],
      [{ model: 'gpt-4o', tool_resources: { code_interpreter: { file_ids: ['file-nope'] } } }, 'tool_resources.code_interpreter.file_ids[0]'],
      [{ model: 'gpt-4o', color: 'blue' }, 'color'],
    ];
    for (const [body, param] of cases) {
      const error = await client.beta.assistants.create(body as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toBeInstanceOf(BadRequestError);
      expect({ param: (error as APIError).param, type: (error as APIError).type }).toEqual({ param, type: 'invalid_request_error' });
    }
    const error = await client.beta.assistants.update('asst_nope', { name: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((await client.beta.assistants.list()).data).toEqual(before.data);
  });
});

describe('threads and messages', () => {
  it('creates a thread with messages and tool resources, modifies and deletes it', async () => {
    const { client } = serve;
    const file = await client.files.create({ file: new File(['a,b\n1,2\n'], 'data.csv'), purpose: 'assistants' });
    const thread = checked(
      'ThreadObject',
      await client.beta.threads.create({
        messages: [
          { role: 'user', content: 'Hello there', attachments: [{ file_id: file.id, tools: [{ type: 'code_interpreter' }] }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hi! How can I help?' }], metadata: { origin: 'import' } },
        ],
        tool_resources: { code_interpreter: { file_ids: [file.id] } },
        metadata: { user: 'u1' },
      }),
    );
    expect(thread).toMatchObject({ object: 'thread', metadata: { user: 'u1' }, tool_resources: { code_interpreter: { file_ids: [file.id] } } });
    expect(Object.keys(thread).sort()).toEqual(['created_at', 'id', 'metadata', 'object', 'tool_resources']);

    const messages = checked('ListMessagesResponse', await client.beta.threads.messages.list(thread.id, { order: 'asc' }));
    expect(messages.data.map((m) => [m.role, m.content[0]?.type === 'text' ? m.content[0].text.value : null, m.status])).toEqual([
      ['user', 'Hello there', 'completed'],
      ['assistant', 'Hi! How can I help?', 'completed'],
    ]);
    expect(messages.data[0]).toMatchObject({ attachments: [{ file_id: file.id, tools: [{ type: 'code_interpreter' }] }], assistant_id: null, run_id: null });

    expect(checked('ThreadObject', await client.beta.threads.retrieve(thread.id))).toEqual(thread);
    const modified = checked('ThreadObject', await client.beta.threads.update(thread.id, { metadata: { user: 'u2' }, tool_resources: {} }));
    expect(modified).toMatchObject({ metadata: { user: 'u2' }, tool_resources: {} });
    expect(checked('DeleteThreadResponse', await client.beta.threads.delete(thread.id))).toEqual({ id: thread.id, object: 'thread.deleted', deleted: true });
    await expect(client.beta.threads.retrieve(thread.id)).rejects.toMatchObject({ status: 404, message: `404 No thread found with id '${thread.id}'.` });
  });

  it('adds, lists (order, after, before, limit, run_id), retrieves, modifies and deletes messages', async () => {
    const { client } = serve;
    const thread = await client.beta.threads.create();
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three', 'four']) {
      const message = checked('MessageObject', await client.beta.threads.messages.create(thread.id, { role: 'user', content: text }));
      ids.push(message.id);
    }
    const desc = await client.beta.threads.messages.list(thread.id, { limit: 3 });
    expect([desc.data.map((m) => m.id), desc.has_more]).toEqual([[ids[3], ids[2], ids[1]], true]);
    const after = await client.beta.threads.messages.list(thread.id, { order: 'asc', after: ids[1]! });
    expect(after.data.map((m) => m.id)).toEqual([ids[2], ids[3]]);
    const before = await client.beta.threads.messages.list(thread.id, { order: 'asc', before: ids[2]! });
    expect(before.data.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    const all: string[] = [];
    for await (const message of client.beta.threads.messages.list(thread.id, { limit: 1, order: 'asc' })) all.push(message.id);
    expect(all).toEqual(ids);
    expect((await client.beta.threads.messages.list(thread.id, { run_id: 'run_nope' })).data).toEqual([]);

    const message = checked('MessageObject', await client.beta.threads.messages.retrieve(ids[0]!, { thread_id: thread.id }));
    expect(message.content).toEqual([{ type: 'text', text: { value: 'one', annotations: [] } }]);
    const modified = await client.beta.threads.messages.update(ids[0]!, { thread_id: thread.id, metadata: { seen: 'yes' } });
    expect(checked('MessageObject', modified).metadata).toEqual({ seen: 'yes' });
    expect(checked('DeleteMessageResponse', await client.beta.threads.messages.delete(ids[0]!, { thread_id: thread.id }))).toEqual({
      id: ids[0],
      object: 'thread.message.deleted',
      deleted: true,
    });
    await expect(client.beta.threads.messages.retrieve(ids[0]!, { thread_id: thread.id })).rejects.toMatchObject({ status: 404 });
    const other = await client.beta.threads.create();
    await expect(client.beta.threads.messages.retrieve(ids[1]!, { thread_id: other.id })).rejects.toMatchObject({ status: 404 });
    await expect(client.beta.threads.messages.list('thread_nope')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses bad messages with the parameter named, leaving the thread as it was', async () => {
    const { client } = serve;
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'kept' }] });
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'system', content: 'x' }, 'role'],
      [{ role: 'user' }, 'content'],
      [{ role: 'user', content: [] }, 'content'],
      [{ role: 'user', content: [{ type: 'image_file', image_file: { file_id: 'file-nope' } }] }, 'content[0].image_file.file_id'],
      [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }, 'content[0]'],
      [{ role: 'user', content: 'x', attachments: [{ file_id: 'file-nope', tools: [{ type: 'code_interpreter' }] }] }, 'attachments[0].file_id'],
    ];
    for (const [body, param] of cases) {
      await expect(client.beta.threads.messages.create(thread.id, body as never), JSON.stringify(body)).rejects.toMatchObject({ status: 400, param });
    }
    await expect(
      client.beta.threads.create({
        messages: [
          { role: 'user', content: 'ok' },
          { role: 'user', content: [{ type: 'image_file', image_file: { file_id: 'file-x' } }] },
        ],
      }),
    ).rejects.toMatchObject({ status: 400, param: 'messages[1].content[0].image_file.file_id' });
    expect((await client.beta.threads.messages.list(thread.id)).data).toHaveLength(1);
  });
});
