import { describe, expect, it } from 'vitest';
import { readSse, request, setupSimulator } from './harness.ts';
import { assertMatchesSchema } from './spec.ts';

const env = setupSimulator();
const tool = { type: 'function', name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
const chatTool = { type: 'function', function: { name: 'lookup', parameters: tool.parameters } };
const twoCalls = [
  { name: 'lookup', arguments: { q: 'a' } },
  { name: 'lookup', arguments: { q: 'b' } },
];

async function json(response: Response, status = 200): Promise<unknown> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

// Loading the spec and compiling its larger schemas takes a few seconds the first time.
describe('simulator answers match the OpenAPI spec', { timeout: 30_000 }, () => {
  it('Responses: non-streaming Response objects', async () => {
    env.sim.script({ text: 'Let me look.', toolCalls: twoCalls }, { text: 'cut short here', endpoint: 'responses' });
    const body = { model: 'gpt-4.1-mini', input: 'q', instructions: 'Be brief.', tools: [tool], text: { format: { type: 'text' } } };
    assertMatchesSchema('Response', await json(await request(env.sim, 'POST', '/v1/responses', body)));
    const incomplete = await json(await request(env.sim, 'POST', '/v1/responses', { ...body, max_output_tokens: 1 }));
    assertMatchesSchema('Response', incomplete);
    expect(incomplete).toMatchObject({ status: 'incomplete' });
  });

  it('Responses: every streamed event, named by its event: line and numbered in order', async () => {
    env.sim.script({ text: 'Let me look.', toolCalls: twoCalls }, { text: 'cut short here' });
    const body = { model: 'gpt-4.1-mini', input: 'q', tools: [tool], stream: true };
    for (const limits of [{}, { max_output_tokens: 1 }]) {
      const response = await request(env.sim, 'POST', '/v1/responses', { ...body, ...limits });
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readSse(response);
      expect(events.length).toBeGreaterThan(8);
      for (const [index, record] of events.entries()) {
        const event = JSON.parse(record.data) as { type: string; sequence_number: number };
        expect(record.event).toBe(event.type);
        expect(event.sequence_number).toBe(index);
        assertMatchesSchema('ResponseStreamEvent', event);
      }
    }
  });

  it('Chat Completions: completion and every chunk, including the usage chunk', async () => {
    env.sim.script({ text: 'Checking.', toolCalls: twoCalls }, { text: 'Done.' });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }], tools: [chatTool] };
    assertMatchesSchema('CreateChatCompletionResponse', await json(await request(env.sim, 'POST', '/v1/chat/completions', body)));
    const response = await request(env.sim, 'POST', '/v1/chat/completions', { ...body, stream: true, stream_options: { include_usage: true } });
    const records = await readSse(response);
    expect(records.at(-1)).toEqual({ event: undefined, data: '[DONE]' });
    for (const record of records.slice(0, -1)) {
      expect(record.event).toBeUndefined();
      assertMatchesSchema('CreateChatCompletionStreamResponse', JSON.parse(record.data));
    }
  });

  it('Models: list and retrieve', async () => {
    assertMatchesSchema('ListModelsResponse', await json(await request(env.sim, 'GET', '/v1/models')));
    assertMatchesSchema('Model', await json(await request(env.sim, 'GET', '/v1/models/gpt-4o-mini')));
  });

  it('Embeddings: float vectors', async () => {
    const body = { model: 'text-embedding-3-small', input: ['a', 'b'], encoding_format: 'float', dimensions: 8 };
    assertMatchesSchema('CreateEmbeddingResponse', await json(await request(env.sim, 'POST', '/v1/embeddings', body)));
  });

  it('Files: upload, retrieve, list and delete', async () => {
    const form = new FormData();
    form.append('purpose', 'assistants');
    form.append('file', new Blob(['some text']), 'a.txt');
    const uploaded = await fetch(`${env.sim.baseURL}/files`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    const file = (await json(uploaded)) as { id: string };
    assertMatchesSchema('OpenAIFile', file);
    assertMatchesSchema('OpenAIFile', await json(await request(env.sim, 'GET', `/v1/files/${file.id}`)));
    assertMatchesSchema('ListFilesResponse', await json(await request(env.sim, 'GET', '/v1/files?limit=5')));
    assertMatchesSchema('DeleteFileResponse', await json(await request(env.sim, 'DELETE', `/v1/files/${file.id}`)));
  });

  it('Vector stores: stores, files, batches, search and file content', async () => {
    const form = new FormData();
    form.append('purpose', 'assistants');
    form.append('file', new Blob(['The moon pulls the tides.']), 'tides.txt');
    const file = (await json(await fetch(`${env.sim.baseURL}/files`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form }))) as {
      id: string;
    };
    const store = (await json(await request(env.sim, 'POST', '/v1/vector_stores', { name: 'kb', expires_after: { anchor: 'last_active_at', days: 1 } }))) as {
      id: string;
    };
    assertMatchesSchema('VectorStoreObject', store);
    const base = `/v1/vector_stores/${store.id}`;
    assertMatchesSchema('VectorStoreFileObject', await json(await request(env.sim, 'POST', `${base}/files`, { file_id: file.id, attributes: { lang: 'en' } })));
    const batch = (await json(await request(env.sim, 'POST', `${base}/file_batches`, { file_ids: [file.id] }))) as { id: string };
    assertMatchesSchema('VectorStoreFileBatchObject', batch);
    assertMatchesSchema('VectorStoreFileBatchObject', await json(await request(env.sim, 'GET', `${base}/file_batches/${batch.id}`)));
    assertMatchesSchema('ListVectorStoreFilesResponse', await json(await request(env.sim, 'GET', `${base}/file_batches/${batch.id}/files`)));
    assertMatchesSchema('ListVectorStoreFilesResponse', await json(await request(env.sim, 'GET', `${base}/files?limit=5`)));
    assertMatchesSchema('VectorStoreFileContentResponse', await json(await request(env.sim, 'GET', `${base}/files/${file.id}/content`)));
    assertMatchesSchema('VectorStoreSearchResultsPage', await json(await request(env.sim, 'POST', `${base}/search`, { query: 'tides', max_num_results: 2 })));
    assertMatchesSchema('ListVectorStoresResponse', await json(await request(env.sim, 'GET', '/v1/vector_stores')));
    assertMatchesSchema('VectorStoreObject', await json(await request(env.sim, 'POST', base, { name: 'renamed', metadata: { a: 'b' } })));
    assertMatchesSchema('DeleteVectorStoreFileResponse', await json(await request(env.sim, 'DELETE', `${base}/files/${file.id}`)));
    assertMatchesSchema('DeleteVectorStoreResponse', await json(await request(env.sim, 'DELETE', base)));
    assertMatchesSchema('ErrorResponse', await json(await request(env.sim, 'GET', base), 404));
  });

  it('Containers: containers and container files', async () => {
    const container = (await json(await request(env.sim, 'POST', '/v1/containers', { name: 'c' }))) as { id: string };
    assertMatchesSchema('ContainerResource', container);
    assertMatchesSchema('ContainerResource', await json(await request(env.sim, 'GET', `/v1/containers/${container.id}`)));
    assertMatchesSchema('ContainerListResource', await json(await request(env.sim, 'GET', '/v1/containers')));
    const form = new FormData();
    form.append('file', new Blob(['x = 1\n']), 'x.py');
    const upload = await fetch(`${env.sim.baseURL}/containers/${container.id}/files`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    const file = (await json(upload)) as { id: string };
    assertMatchesSchema('ContainerFileResource', file);
    assertMatchesSchema('ContainerFileResource', await json(await request(env.sim, 'GET', `/v1/containers/${container.id}/files/${file.id}`)));
    assertMatchesSchema('ContainerFileListResource', await json(await request(env.sim, 'GET', `/v1/containers/${container.id}/files`)));
    assertMatchesSchema('ErrorResponse', await json(await request(env.sim, 'GET', `/v1/containers/${container.id}/files/cfile_missing`), 404));
  });

  it('Errors: 400, 401, 404, 429 and 500 bodies', async () => {
    env.sim.script({ fault: { status: 429 } }, { fault: { status: 500 } });
    const ask = { model: 'gpt-4.1-mini', input: 'q' };
    const rateLimited = await request(env.sim, 'POST', '/v1/responses', ask);
    expect(rateLimited.headers.get('retry-after-ms')).toBe('0');
    expect(rateLimited.headers.get('retry-after')).toBe('1');
    const answers = [
      [rateLimited, 429],
      [await request(env.sim, 'POST', '/v1/responses', ask), 500],
      [await request(env.sim, 'POST', '/v1/embeddings', { model: 'text-embedding-3-small', input: '' }), 400],
      [await request(env.sim, 'GET', '/v1/models', undefined, { authorization: 'Basic x' }), 401],
      [await request(env.sim, 'GET', '/v1/files/file-missing'), 404],
    ] as const;
    for (const [response, status] of answers) assertMatchesSchema('ErrorResponse', await json(response, status));
  });
});

describe('the schema check is strict', { timeout: 30_000 }, () => {
  it('rejects values that break the spec', async () => {
    env.sim.script({ text: 'x' });
    const good = (await json(await request(env.sim, 'POST', '/v1/responses', { model: 'gpt-4.1-mini', input: 'q' }))) as Record<string, unknown>;
    assertMatchesSchema('Response', good);
    const { output: _output, ...withoutOutput } = good;
    expect(() => assertMatchesSchema('Response', withoutOutput)).toThrow(/must have required property 'output'/);
    const badItem = { ...good, output: [{ type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'f', arguments: {} }] };
    expect(() => assertMatchesSchema('Response', badItem)).toThrow(/\/output\/0\/arguments must be string/);
    expect(() =>
      assertMatchesSchema('ResponseStreamEvent', {
        type: 'response.output_text.delta',
        sequence_number: 1,
        item_id: 'm',
        output_index: 0,
        content_index: 0,
        delta: 'x',
      }),
    ).toThrow(/logprobs/);
    expect(() => assertMatchesSchema('ResponseStreamEvent', { type: 'response.made_up', sequence_number: 1 })).toThrow();
    expect(() =>
      assertMatchesSchema('CreateChatCompletionStreamResponse', {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, finish_reason: 'done' }],
      }),
    ).toThrow(/finish_reason/);
    expect(() => assertMatchesSchema('NoSuchSchema', {})).toThrow(/NoSuchSchema/);
  });
});
