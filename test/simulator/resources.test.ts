import { NotFoundError, toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { setupSimulator } from './harness.ts';

const env = setupSimulator();

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

describe('models', () => {
  it('lists the models and retrieves one', async () => {
    const ids = [];
    for await (const model of env.client.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4.1-mini', 'gpt-4o-mini', 'text-embedding-3-small']));
    await expect(env.client.models.retrieve('gpt-4.1-mini')).resolves.toMatchObject({ id: 'gpt-4.1-mini', object: 'model', owned_by: 'system' });
    await expect(env.client.models.retrieve('no-such-model')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('embeddings', () => {
  it('returns deterministic, normalised vectors of the default size', async () => {
    const first = await env.client.embeddings.create({ model: 'text-embedding-3-small', input: ['the cat sat on the mat', 'stock prices fell sharply'] });
    const again = await env.client.embeddings.create({ model: 'text-embedding-3-small', input: 'the cat sat on the mat', encoding_format: 'float' });
    expect(first.data.map((item) => item.index)).toEqual([0, 1]);
    const vector = first.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(1536);
    // The SDK asks for base64 by default and decodes it; the float answer must be the same numbers.
    expect(again.data[0]?.embedding).toEqual(vector);
    expect(cosine(vector, vector)).toBeCloseTo(1, 5);
    expect(first.usage.prompt_tokens).toBeGreaterThan(0);
    expect(first.usage.total_tokens).toBe(first.usage.prompt_tokens);
  });

  it('honours dimensions and places similar texts closer than unrelated ones', async () => {
    const texts = ['The cat sat on the mat.', 'A cat was sitting on a mat.', 'Quarterly revenue grew in Europe.'];
    const result = await env.client.embeddings.create({ model: 'text-embedding-3-small', input: texts, dimensions: 256 });
    const [cat, similar, unrelated] = result.data.map((item) => item.embedding);
    expect(cat).toHaveLength(256);
    expect(cosine(cat ?? [], similar ?? [])).toBeGreaterThan(cosine(cat ?? [], unrelated ?? []) + 0.2);
  });

  it('rejects empty input and oversized dimensions', async () => {
    await expect(env.client.embeddings.create({ model: 'text-embedding-3-small', input: '' })).rejects.toMatchObject({ status: 400, param: 'input' });
    await expect(env.client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 5000 })).rejects.toMatchObject({
      status: 400,
      param: 'dimensions',
    });
  });
});

describe('files', () => {
  it('uploads, lists, retrieves, downloads and deletes files', async () => {
    const notes = await env.client.files.create({ file: await toFile(Buffer.from('hello file search'), 'notes.txt'), purpose: 'assistants' });
    const data = await env.client.files.create({ file: await toFile(Buffer.from('{"a":1}\n'), 'data.jsonl'), purpose: 'batch' });
    expect(notes).toMatchObject({ object: 'file', filename: 'notes.txt', bytes: 17, purpose: 'assistants', status: 'processed' });
    expect(notes.id).toMatch(/^file-/);

    const listed = [];
    for await (const file of env.client.files.list()) listed.push(file.id);
    expect(listed).toEqual([data.id, notes.id]);
    const assistants = await env.client.files.list({ purpose: 'assistants' });
    expect(assistants.data.map((file) => file.id)).toEqual([notes.id]);

    await expect(env.client.files.retrieve(notes.id)).resolves.toEqual(notes);
    const content = await env.client.files.content(notes.id);
    expect(await content.text()).toBe('hello file search');

    await expect(env.client.files.delete(notes.id)).resolves.toEqual({ id: notes.id, object: 'file', deleted: true });
    await expect(env.client.files.retrieve(notes.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages through the list with limit, after and order', async () => {
    const ids = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      ids.push((await env.client.files.create({ file: await toFile(Buffer.from(name), `${name}.txt`), purpose: 'user_data' })).id);
    }
    const firstPage = await env.client.files.list({ limit: 2, order: 'asc' });
    expect(firstPage.data.map((file) => file.id)).toEqual(ids.slice(0, 2));
    expect(firstPage.has_more).toBe(true);
    const all = [];
    for await (const file of env.client.files.list({ limit: 2, order: 'asc' })) all.push(file.id);
    expect(all).toEqual(ids);
  });

  it('rejects an unknown purpose', async () => {
    const upload = env.client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'nonsense' as 'assistants' });
    await expect(upload).rejects.toMatchObject({ status: 400, param: 'purpose' });
  });
});
