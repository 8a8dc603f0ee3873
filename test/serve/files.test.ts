// Files (multipart uploads through the SDK's toFile) and models.
import { toFile } from 'openai';
import { parseAliases, resolveWith } from '../../electron/serve/models.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checked, raw, startServe, type Serve } from './harness.ts';

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  serve = await startServe(sim, {
    server: { maxUploadBytes: 1024, listModels: async () => ['gpt-4o', 'llama3.2'], resolveModel: (n) => (n === 'gpt-4' ? 'llama3.2' : n) },
  });
});
afterEach(() => serve.dispose());

describe('files', () => {
  it('uploads, lists, retrieves, reads and deletes files', async () => {
    const { client } = serve;
    const notes = checked('OpenAIFile', await client.files.create({ file: await toFile(Buffer.from('hello, notes'), 'notes.txt'), purpose: 'assistants' }));
    expect(notes).toMatchObject({ object: 'file', filename: 'notes.txt', bytes: 12, purpose: 'assistants', status: 'processed' });
    expect(Object.keys(notes)).not.toContain('path');
    const data = await client.files.create({ file: await toFile(new Uint8Array([1, 2, 3]), 'data.bin'), purpose: 'user_data' });

    const all = checked('ListFilesResponse', await client.files.list());
    expect(all.data.map((f) => f.id)).toEqual([data.id, notes.id]);
    expect((await client.files.list({ purpose: 'assistants' })).data.map((f) => f.id)).toEqual([notes.id]);
    const paged: string[] = [];
    for await (const file of client.files.list({ limit: 1, order: 'asc' })) paged.push(file.id);
    expect(paged).toEqual([notes.id, data.id]);

    expect(checked('OpenAIFile', await client.files.retrieve(notes.id))).toEqual(notes);
    expect(await client.files.waitForProcessing(notes.id, { pollInterval: 10 })).toEqual(notes);
    expect(await (await client.files.content(notes.id)).text()).toBe('hello, notes');
    expect(checked('DeleteFileResponse', await client.files.delete(notes.id))).toEqual({ id: notes.id, object: 'file', deleted: true });
    await expect(client.files.retrieve(notes.id)).rejects.toMatchObject({ status: 404, message: `404 No file found with id '${notes.id}'.` });
    await expect(client.files.content(notes.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an upload over the limit (413), without a purpose or a file, and a form that is not one (400)', async () => {
    const { client } = serve;
    await expect(client.files.create({ file: await toFile(Buffer.alloc(2000, 'a'), 'big.txt'), purpose: 'assistants' })).rejects.toMatchObject({
      status: 413,
      param: 'file',
    });
    await expect(client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'nonsense' as never })).rejects.toMatchObject({
      status: 400,
      param: 'purpose',
    });
    const form = new FormData();
    form.set('purpose', 'assistants');
    await expect(raw(serve, 'POST', '/files', { body: form })).resolves.toMatchObject({ status: 400, body: { error: { param: 'file' } } });
    const broken = await raw(serve, 'POST', '/files', { body: '--x\r\nnot a form', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(broken).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error' } } });
    const json = await raw(serve, 'POST', '/files', { body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expect((await client.files.list()).data).toEqual([]);
  });
});

describe('models', () => {
  it('lists the provider’s models and retrieves them, and names the alias table sends elsewhere', async () => {
    const { client } = serve;
    const list = checked('ListModelsResponse', await client.models.list());
    expect(list.data.map((m) => m.id)).toEqual(['gpt-4o', 'llama3.2']);
    expect(checked('Model', await client.models.retrieve('llama3.2'))).toMatchObject({ id: 'llama3.2', object: 'model' });
    expect((await client.models.retrieve('gpt-4')).id).toBe('gpt-4');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('resolves names through the alias table, then the default model', () => {
    const aliases = parseAliases(['gpt-4o=llama3.2', ' gpt-4 = qwen3 ', '__proto__=odd']);
    expect(aliases).toEqual({ 'gpt-4o': 'llama3.2', 'gpt-4': 'qwen3', ['__proto__']: 'odd' });
    expect(['gpt-4o', 'gpt-4', 'o3', 'constructor', '__proto__'].map(resolveWith({ aliases }))).toEqual(['llama3.2', 'qwen3', 'o3', 'constructor', 'odd']);
    expect(resolveWith({ aliases, defaultModel: 'mistral' })('o3')).toBe('mistral');
    expect(() => parseAliases(['gpt-4o'])).toThrow(/name=model/);
  });
});
