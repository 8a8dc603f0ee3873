import { chmod, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectKnowledgeFiles, textSource } from '../../../electron/engine/fileSearch/sources.ts';
import { tempDir } from '../helpers.ts';
import { minimalPdf } from './fixtures.ts';
import { countingParser, openIndex, writeFiles } from './helpers.ts';

const AUTO = { type: 'auto' } as const;

const DOCS = {
  'volcano.md': '# Volcanoes\n\nA volcano erupts when magma rises through the crust. Lava flows and ash clouds follow an eruption.',
  'bread.txt': 'Baking bread needs flour, water, salt and yeast. Knead the dough and let it rise before baking.',
  'tides.txt': 'Tides are caused by the gravitational pull of the moon and the sun on the oceans.',
};

async function indexFolder(files: Record<string, string | Uint8Array>, options: Parameters<typeof openIndex>[0] = {}) {
  const dir = await tempDir();
  await writeFiles(dir, files);
  const { db, index } = openIndex(options);
  const collect = async () => (await collectKnowledgeFiles(dir, { paths: ['.'], fileTypes: [] })).sources;
  const report = await index.index('docs', { sources: await collect(), chunking: AUTO });
  return { dir, db, index, report, collect };
}

describe('local index: keyword search', () => {
  it('ranks the document about the query first, with file, score, text and offsets', async () => {
    const { index, report } = await indexFolder(DOCS);
    expect(report).toMatchObject({ added: 3, updated: 0, unchanged: 0, failed: [], chunksWritten: 3, cancelled: false });
    const hits = await index.search('docs', 'when does a volcano erupt?', { mode: 'keyword', maxResults: 5 });
    expect(hits[0]).toMatchObject({ fileName: 'volcano.md', path: 'volcano.md', text: DOCS['volcano.md'], charStart: 0, charEnd: DOCS['volcano.md'].length });
    expect(hits[0]!.fileId).toMatch(/^file-/);
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.fileName)).not.toContain('tides.txt');
    // Stemming: "rising" finds "rise"/"rises"; the bread text ranks first for baking words.
    expect((await index.search('docs', 'kneading doughs', { mode: 'keyword', maxResults: 5 }))[0]?.fileName).toBe('bread.txt');
  });

  it('never breaks on FTS5 syntax in user text and finds nothing for stop words only', async () => {
    const { index } = await indexFolder(DOCS);
    for (const query of ['"unbalanced', 'moon AND NOT sun*', 'NEAR(a b)', '(((', "o'clock; DROP TABLE fs_chunks; --", 'col:moon ^tides']) {
      await expect(index.search('docs', query, { mode: 'keyword', maxResults: 5 })).resolves.toBeInstanceOf(Array);
    }
    expect((await index.search('docs', 'moon AND NOT sun*', { mode: 'keyword', maxResults: 5 }))[0]?.fileName).toBe('tides.txt');
    expect(await index.search('docs', 'the and of it', { mode: 'keyword', maxResults: 5 })).toEqual([]);
  });

  it('finds words in any script, whatever their case or combining marks', async () => {
    const { index } = await indexFolder({
      'hi.txt': 'हिन्दी भाषा',
      'el.txt': 'Ο ΣΊΣΥΦΟΣ κυλά την πέτρα',
      'ja.txt': '日本語のテキストです',
      'en.txt': 'plain English',
    });
    const first = async (query: string) => (await index.search('docs', query, { mode: 'keyword', maxResults: 3 }))[0]?.fileName;
    expect(await first('हिन्दी')).toBe('hi.txt');
    expect(await first('σίσυφος')).toBe('el.txt');
    expect(await first('日本')).toBe('ja.txt');
  });

  it('drops results under the score threshold and honours max results', async () => {
    const { index } = await indexFolder(DOCS);
    const all = await index.search('docs', 'moon ocean volcano', { mode: 'keyword', maxResults: 10 });
    expect(all.length).toBe(2);
    const [best, second] = all;
    const cut = (best!.score + second!.score) / 2;
    expect(await index.search('docs', 'moon ocean volcano', { mode: 'keyword', maxResults: 10, scoreThreshold: cut })).toEqual([best]);
    expect(await index.search('docs', 'moon ocean volcano', { mode: 'keyword', maxResults: 1 })).toEqual([best]);
    // A perfect score is out of reach, so a threshold of 1 drops everything.
    expect(await index.search('docs', 'moon ocean volcano', { mode: 'keyword', maxResults: 10, scoreThreshold: 1 })).toEqual([]);
  });

  it('opens a cited chunk by id, pointing at the passage in the extracted text', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `Sentence ${i} talks about ${i === 250 ? 'the hidden treasure' : 'ordinary things'}.`).join(' ');
    const { index } = await indexFolder({ 'long.txt': long });
    const [hit] = await index.search('docs', 'hidden treasure', { mode: 'keyword', maxResults: 1 });
    expect(hit?.chunkId).toMatch(/^file-\w+:\d+$/);
    expect(long.slice(hit!.charStart, hit!.charEnd)).toBe(hit!.text);
    expect(hit!.text).toContain('hidden treasure');
    expect(index.chunk(hit!.chunkId)).toMatchObject({ text: hit!.text, fileId: hit!.fileId, charStart: hit!.charStart });
    expect(index.chunk('file-nope:0')).toBeNull();
  });
});

describe('local index: ingestion', () => {
  it('re-indexes only changed files and removes deleted ones', async () => {
    const parse = countingParser();
    const { dir, index, collect } = await indexFolder(DOCS, { parse });
    expect(parse.calls.sort()).toEqual(['bread.txt', 'tides.txt', 'volcano.md']);
    const ids = new Map(index.files('docs').map((f) => [f.path, f.id]));

    parse.calls.length = 0;
    const again = await index.index('docs', { sources: await collect(), chunking: AUTO });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, removed: 0 });
    expect(parse.calls).toEqual([]);

    await writeFile(path.join(dir, 'bread.txt'), 'Sourdough bread uses a starter instead of yeast.');
    await rm(path.join(dir, 'tides.txt'));
    await writeFile(path.join(dir, 'new.txt'), 'A brand new file about comets.');
    const changed = await index.index('docs', { sources: await collect(), chunking: AUTO });
    expect(changed).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: 1 });
    expect(parse.calls.sort()).toEqual(['bread.txt', 'new.txt']);
    expect(index.files('docs').map((f) => f.path)).toEqual(['bread.txt', 'new.txt', 'volcano.md']);
    // A changed file keeps its id (citations stay linked); its old text is no longer found.
    expect(index.files('docs').find((f) => f.path === 'bread.txt')?.id).toBe(ids.get('bread.txt'));
    expect(await index.search('docs', 'knead dough', { mode: 'keyword', maxResults: 5 })).toEqual([]);
    expect(await index.search('docs', 'tides moon', { mode: 'keyword', maxResults: 5 })).toEqual([]);
    expect((await index.search('docs', 'sourdough starter', { mode: 'keyword', maxResults: 5 }))[0]?.fileName).toBe('bread.txt');
  });

  it('re-chunks every file when the chunking strategy changes', async () => {
    const parse = countingParser();
    const { index, collect } = await indexFolder(DOCS, { parse });
    parse.calls.length = 0;
    const report = await index.index('docs', { sources: await collect(), chunking: { type: 'static', maxChunkSizeTokens: 100, chunkOverlapTokens: 50 } });
    expect(report).toMatchObject({ updated: 3, unchanged: 0 });
    expect(parse.calls).toHaveLength(3);
    expect(index.store('docs')?.chunking).toEqual({ type: 'static', maxChunkSizeTokens: 100, chunkOverlapTokens: 50 });
  });

  it('reports a corrupt PDF, a binary file and an oversized file while indexing the others', async () => {
    const { index, report } = await indexFolder(
      {
        ...DOCS,
        'broken.pdf': '%PDF-1.7\nthis is not really a pdf',
        'good.pdf': minimalPdf(['Glaciers carve valleys over thousands of years.']),
        'blob.txt': new Uint8Array([0x41, 0x00, 0x42, 0x00, 0xff]),
        'huge.txt': 'x'.repeat(3000),
      },
      { maxFileBytes: 2000 },
    );
    expect(report.failed.map((f) => f.path).sort()).toEqual(['blob.txt', 'broken.pdf', 'huge.txt']);
    expect(report.failed.find((f) => f.path === 'broken.pdf')?.message).toMatch(/PDF could not be read/);
    expect(report.failed.find((f) => f.path === 'blob.txt')?.message).toMatch(/binary/);
    expect(report.failed.find((f) => f.path === 'huge.txt')?.message).toBe('The file is 2.9 KB; files over 2.0 KB are not indexed.');
    expect(report.added).toBe(7);
    const statuses = Object.fromEntries(index.files('docs').map((f) => [f.path, f.status]));
    expect(statuses).toMatchObject({ 'broken.pdf': 'failed', 'good.pdf': 'indexed', 'volcano.md': 'indexed' });
    expect((await index.search('docs', 'glacier valleys', { mode: 'keyword', maxResults: 3 }))[0]?.fileName).toBe('good.pdf');
  });

  it('reports a file that cannot be opened (gone since it was listed, or unreadable)', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'ok.txt': 'readable text', 'gone.txt': 'deleted after listing', 'secret.txt': 'no permission' });
    const { index } = openIndex();
    const { sources } = await collectKnowledgeFiles(dir, { paths: ['.'], fileTypes: ['txt'] });
    await rm(path.join(dir, 'gone.txt'));
    // Root reads files whatever their mode, so the permission case only exists for other users.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) await chmod(path.join(dir, 'secret.txt'), 0o000);
    const report = await index.index('docs', { sources, chunking: AUTO });
    expect(report.failed).toEqual([
      { path: 'gone.txt', message: expect.stringMatching(/ENOENT/) },
      ...(asRoot ? [] : [{ path: 'secret.txt', message: expect.stringMatching(/EACCES/) }]),
    ]);
    expect(index.files('docs').find((f) => f.path === 'ok.txt')?.status).toBe('indexed');
  });

  it('refuses a small file whose extracted text is over the per-file limit', async () => {
    // A compressed PDF can unpack to far more text than its size suggests; a parser stands in for one.
    const { index } = openIndex({ parse: async (name) => (name === 'dense.pdf' ? 'word '.repeat(4_000_001) : 'short text') });
    const report = await index.index('docs', { sources: [textSource('dense.pdf', 'dense.pdf', '%PDF'), textSource('ok.txt', 'ok.txt', 'x')], chunking: AUTO });
    expect(report.failed).toEqual([
      { path: 'dense.pdf', message: expect.stringMatching(/^The file holds 20\.0 million characters of text; files over 20 million/) },
    ]);
    expect(report.chunksWritten).toBe(1);
  });

  it('keeps a failed file reported on the next run without reading it again', async () => {
    const parse = countingParser();
    const { index, collect } = await indexFolder({ 'broken.pdf': 'not a pdf at all', 'ok.txt': 'fine' }, { parse });
    parse.calls.length = 0;
    const again = await index.index('docs', { sources: await collect(), chunking: AUTO });
    expect(parse.calls).toEqual([]);
    expect(again.failed).toEqual([{ path: 'broken.pdf', message: expect.stringMatching(/PDF could not be read/) }]);
  });

  it('reports progress and stops between files when cancelled, keeping what it finished', async () => {
    const { index } = openIndex();
    const sources = Array.from({ length: 5 }, (_, i) => textSource(`doc${i}.txt`, `doc${i}.txt`, `Document number ${i} about topic ${i}.`));
    const controller = new AbortController();
    const seen: number[] = [];
    const report = await index.index('docs', {
      sources,
      chunking: AUTO,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.filesDone);
        expect(p.filesTotal).toBe(5);
        if (p.filesDone === 2) controller.abort();
      },
    });
    expect(report).toMatchObject({ cancelled: true, added: 2 });
    expect(seen).toEqual([1, 2]);
    expect(index.files('docs').map((f) => f.path)).toEqual(['doc0.txt', 'doc1.txt']);
    const resumed = await index.index('docs', { sources, chunking: AUTO });
    expect(resumed).toMatchObject({ cancelled: false, added: 3, unchanged: 2 });
  });

  it('does not record a file whose read the cancel cut off, so the next run indexes it', async () => {
    const { index } = openIndex();
    const controller = new AbortController();
    const sources = Array.from({ length: 3 }, (_, i) => textSource(`doc${i}.txt`, `doc${i}.txt`, `Document ${i}.`));
    // The second file's read is where the cancel lands, as a cancellable read of a big file would see it.
    const cut = {
      ...sources[1]!,
      read: async () => {
        controller.abort();
        throw controller.signal.reason;
      },
    };
    const report = await index.index('docs', { sources: [sources[0]!, cut, sources[2]!], chunking: AUTO, signal: controller.signal });
    expect(report).toMatchObject({ cancelled: true, added: 1, failed: [] });
    expect(index.files('docs').map((f) => f.path)).toEqual(['doc0.txt']);
    expect(await index.index('docs', { sources, chunking: AUTO })).toMatchObject({ added: 2, unchanged: 1, failed: [] });
  });

  it('rejects an invalid static chunking and a second run on a busy store', async () => {
    const { index } = openIndex();
    await expect(index.index('docs', { sources: [], chunking: { type: 'static', maxChunkSizeTokens: 200, chunkOverlapTokens: 150 } })).rejects.toThrow(
      /overlap/,
    );
    const slow = index.index('docs', { sources: [textSource('a.txt', 'a.txt', 'alpha')], chunking: AUTO });
    await expect(index.index('docs', { sources: [], chunking: AUTO })).rejects.toThrow(/already being indexed/);
    await slow;
  });

  it('keeps stores apart and removes one with its chunks', async () => {
    const { index } = openIndex();
    await index.index('a', { sources: [textSource('x.txt', 'x.txt', 'penguins live in antarctica')], chunking: AUTO });
    await index.index('b', { sources: [textSource('y.txt', 'y.txt', 'camels live in deserts')], chunking: AUTO });
    expect(await index.search('a', 'camels', { mode: 'keyword', maxResults: 5 })).toEqual([]);
    expect(index.stores().map((s) => s.name)).toEqual(['a', 'b']);
    expect(index.stores()[0]!.id).toMatch(/^vs_/);
    expect(index.removeStore('a')).toBe(true);
    expect(index.stores().map((s) => s.name)).toEqual(['b']);
    await expect(index.search('a', 'penguins', { mode: 'keyword', maxResults: 5 })).rejects.toThrow(/no local store/);
  });
});

describe('local index: chunking changes', () => {
  it('finishes a re-chunking that was cancelled on the next run', async () => {
    const parse = countingParser();
    const { index } = openIndex({ parse });
    const sources = Array.from({ length: 4 }, (_, i) => textSource(`d${i}.txt`, `d${i}.txt`, `Document ${i}.`));
    await index.index('docs', { sources, chunking: AUTO });
    const small = { type: 'static', maxChunkSizeTokens: 100, chunkOverlapTokens: 0 } as const;
    const controller = new AbortController();
    const cancelled = await index.index('docs', {
      sources,
      chunking: small,
      signal: controller.signal,
      onProgress: (p) => p.filesDone === 2 && controller.abort(),
    });
    expect(cancelled).toMatchObject({ cancelled: true, updated: 2 });
    expect(index.store('docs')?.chunking).toEqual(AUTO);
    parse.calls.length = 0;
    expect(await index.index('docs', { sources, chunking: small })).toMatchObject({ updated: 4, cancelled: false });
    expect(index.store('docs')?.chunking).toEqual(small);
    // The same windows under another name are not a change.
    parse.calls.length = 0;
    await index.index('docs', { sources, chunking: { type: 'static', chunkOverlapTokens: 400, maxChunkSizeTokens: 800 } });
    await index.index('docs', { sources, chunking: AUTO });
    expect(parse.calls).toHaveLength(4);
  });
});
