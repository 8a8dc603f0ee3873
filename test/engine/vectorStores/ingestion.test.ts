import { describe, expect, it } from 'vitest';
import { vectorStoreFileSchema, vectorStoreSchema } from '../../../shared/runtime/vectorStores.ts';
import { minimalDocx, minimalPdf } from '../fileSearch/fixtures.ts';
import { openWorld } from './helpers.ts';

const MD = '# Widgets\n\nAlpha widgets are painted **cobalt blue** and ship from Oslo.\n';
const HTML = '<html><body><h1>Gadgets</h1><p>Beta gadgets run on solar power.</p><script>var hidden = "zebra";</script></body></html>';
const TXT = 'Gamma gizmos are sold by the dozen in Lisbon.\n';

describe('vector store ingestion', () => {
  it('returns a new store in_progress at once, then completes its files with consistent counts', async () => {
    const world = await openWorld();
    const ids = [await world.upload('a.md', MD), await world.upload('b.html', HTML), await world.upload('c.txt', TXT)];
    const created = world.service.create({ name: 'docs', file_ids: ids, metadata: { team: 'x' } });
    expect(vectorStoreSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({
      object: 'vector_store',
      name: 'docs',
      status: 'in_progress',
      file_counts: { in_progress: 3, completed: 0, failed: 0, cancelled: 0, total: 3 },
      usage_bytes: 0,
      created_at: world.clock.now,
      last_active_at: world.clock.now,
      expires_at: null,
      metadata: { team: 'x' },
    });
    expect(created.id).toMatch(/^vs_/);
    expect('expires_after' in created).toBe(false);
    expect(world.service.files.list(created.id).data.map((f) => f.status)).toEqual(['in_progress', 'in_progress', 'in_progress']);

    await world.service.waitIdle(created.id);
    const done = world.service.get(created.id);
    expect(done.status).toBe('completed');
    expect(done.file_counts).toEqual({ in_progress: 0, completed: 3, failed: 0, cancelled: 0, total: 3 });
    expect(done.usage_bytes).toBe(ids.reduce((sum, id) => sum + world.files.get(id).bytes, 0));
    const files = world.service.files.list(created.id, { order: 'asc' }).data;
    expect(files.map((f) => f.id)).toEqual(ids);
    for (const file of files) {
      expect(vectorStoreFileSchema.parse(file)).toEqual(file);
      expect(file).toMatchObject({
        object: 'vector_store.file',
        vector_store_id: created.id,
        status: 'completed',
        last_error: null,
        chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
        attributes: {},
      });
      expect(file.usage_bytes).toBe(world.files.get(file.id).bytes);
    }
    // One local index store, named by the vector store id, keyed by the runtime file ids.
    expect(world.service.indexStoreName(created.id)).toBe(created.id);
    expect(
      world.fileIndex
        .files(created.id)
        .map((f) => f.path)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('fails a file of an unsupported type at once and an unreadable one when it is read; the others complete', async () => {
    const world = await openWorld();
    const good = await world.upload('notes.md', MD);
    const exe = await world.upload('tool.exe', new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2]));
    const binary = await world.upload('data.txt', new Uint8Array([1, 2, 0, 0, 3, 4]));
    const broken = await world.upload('report.pdf', new TextEncoder().encode('%PDF-1.4 this is not really a PDF'));
    const created = world.service.create({ file_ids: [good, exe, binary, broken] });
    expect(created.file_counts).toEqual({ in_progress: 3, completed: 0, failed: 1, cancelled: 0, total: 4 });
    expect(world.service.files.get(created.id, exe)).toMatchObject({ status: 'failed', last_error: { code: 'unsupported_file' } });
    expect(world.service.files.get(created.id, exe).last_error?.message).toMatch(/\.exe/);

    await world.service.waitIdle(created.id);
    expect(world.service.get(created.id)).toMatchObject({
      status: 'completed',
      file_counts: { in_progress: 0, completed: 1, failed: 3, cancelled: 0, total: 4 },
    });
    expect(world.service.files.get(created.id, good).status).toBe('completed');
    for (const id of [binary, broken]) {
      const file = world.service.files.get(created.id, id);
      expect(file).toMatchObject({ status: 'failed', usage_bytes: 0, last_error: { code: 'invalid_file' } });
    }
    expect(world.service.files.get(created.id, binary).last_error?.message).toMatch(/binary/);
    expect(world.service.files.list(created.id, { filter: 'failed' }).data.map((f) => f.id)).toEqual([broken, binary, exe]);
    // Failed files are not kept in the index.
    await world.service.waitIdle(created.id);
    world.service.files.create(created.id, { file_id: await world.upload('more.txt', TXT) });
    await world.service.waitIdle(created.id);
    expect(world.fileIndex.files(created.id).map((f) => f.path)).not.toContain(binary);
  });

  it('reads PDF and Word documents through the index parsers', async () => {
    const world = await openWorld();
    const pdf = await world.upload('manual.pdf', minimalPdf(['The turbine manual covers blade pitch.']));
    const docx = await world.upload('memo.docx', minimalDocx(['The memo approves the harbour budget.']));
    const created = world.service.create({ file_ids: [pdf, docx] });
    await world.service.waitIdle(created.id);
    expect(world.service.get(created.id).file_counts.completed).toBe(2);
    const page = await world.service.search(created.id, { query: 'harbour budget' });
    expect(page.data[0]).toMatchObject({ file_id: docx, filename: 'memo.docx' });
    const turbine = await world.service.search(created.id, { query: 'turbine blade pitch' });
    expect(turbine.data[0]).toMatchObject({ file_id: pdf, filename: 'manual.pdf' });
  });

  it('marks a file whose bytes are gone as a server error', async () => {
    const world = await openWorld();
    const id = await world.upload('gone.txt', TXT);
    const { rm } = await import('node:fs/promises');
    await rm(world.files.get(id).path!);
    const created = world.service.create({ file_ids: [id] });
    await world.service.waitIdle(created.id);
    expect(world.service.files.get(created.id, id)).toMatchObject({ status: 'failed', last_error: { code: 'server_error' } });
  });
});
