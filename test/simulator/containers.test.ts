import { NotFoundError, toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { request, setupSimulator } from './harness.ts';
import { assertMatchesSchema } from './spec.ts';

const env = setupSimulator();

describe('containers through the official SDK', { timeout: 30_000 }, () => {
  it('creates, retrieves, lists and deletes containers', async () => {
    const container = await env.client.containers.create({ name: 'analysis', expires_after: { anchor: 'last_active_at', minutes: 5 }, memory_limit: '4g' });
    assertMatchesSchema('ContainerResource', container);
    expect(container).toMatchObject({
      object: 'container',
      name: 'analysis',
      status: 'running',
      memory_limit: '4g',
      expires_after: { anchor: 'last_active_at', minutes: 5 },
    });
    expect(container.id).toMatch(/^cntr_/);
    expect(container.last_active_at).toBe(container.created_at);
    await expect(env.client.containers.retrieve(container.id)).resolves.toEqual(container);

    const other = await env.client.containers.create({ name: 'other' });
    expect(other.expires_after).toEqual({ anchor: 'last_active_at', minutes: 20 });
    const listed = await request(env.sim, 'GET', '/v1/containers?limit=1');
    const page = (await listed.json()) as { data: { id: string }[]; has_more: boolean };
    assertMatchesSchema('ContainerListResource', page);
    expect(page).toMatchObject({ data: [{ id: other.id }], has_more: true });
    const all = [];
    for await (const item of env.client.containers.list({ order: 'asc', limit: 1 })) all.push(item.id);
    expect(all).toEqual([container.id, other.id]);
    const byName = await env.client.containers.list({ name: 'other' });
    expect(byName.data.map((item) => item.id)).toEqual([other.id]);

    const deleted = await request(env.sim, 'DELETE', `/v1/containers/${container.id}`);
    expect(await deleted.json()).toEqual({ id: container.id, object: 'container.deleted', deleted: true });
    await expect(env.client.containers.retrieve(container.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.client.containers.create({ name: 'x', memory_limit: '2g' as '1g' })).rejects.toMatchObject({ status: 400, param: 'memory_limit' });
  });

  it('adds files by upload and by file id, lists, downloads and deletes them', async () => {
    const uploaded = await env.client.files.create({ file: await toFile(Buffer.from('a,b\n1,2\n'), 'data.csv'), purpose: 'user_data' });
    const container = await env.client.containers.create({ name: 'files', file_ids: [uploaded.id] });
    const initial = await env.client.containers.files.list(container.id);
    expect(initial.data).toHaveLength(1);
    expect(initial.data[0]).toMatchObject({ path: '/mnt/data/data.csv', source: 'user', bytes: 8 });

    const sent = await env.client.containers.files.create(container.id, { file: await toFile(Buffer.from('print(1)\n'), 'script.py') });
    assertMatchesSchema('ContainerFileResource', sent);
    expect(sent).toMatchObject({ object: 'container.file', container_id: container.id, path: '/mnt/data/script.py', bytes: 9, source: 'user' });
    expect(sent.id).toMatch(/^cfile_/);
    const copied = await env.client.containers.files.create(container.id, { file_id: uploaded.id });
    expect(copied).toMatchObject({ path: '/mnt/data/data.csv', bytes: 8 });

    const listed = await request(env.sim, 'GET', `/v1/containers/${container.id}/files?order=asc`);
    const page = (await listed.json()) as { data: { id: string }[] };
    assertMatchesSchema('ContainerFileListResource', page);
    expect(page.data.map((file) => file.id)).toEqual([initial.data[0]?.id, sent.id, copied.id]);
    await expect(env.client.containers.files.retrieve(sent.id, { container_id: container.id })).resolves.toEqual(sent);

    const content = await env.client.containers.files.content.retrieve(sent.id, { container_id: container.id });
    expect(await content.text()).toBe('print(1)\n');

    const deleted = await request(env.sim, 'DELETE', `/v1/containers/${container.id}/files/${sent.id}`);
    expect(await deleted.json()).toEqual({ id: sent.id, object: 'container.file.deleted', deleted: true });
    await expect(env.client.containers.files.retrieve(sent.id, { container_id: container.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(env.client.containers.files.create(container.id, { file_id: 'file-missing' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
