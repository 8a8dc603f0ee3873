import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../electron/engine/fileSearch/html.ts';
import { parseDocument } from '../../../electron/engine/fileSearch/parsers.ts';
import { collectKnowledgeFiles } from '../../../electron/engine/fileSearch/sources.ts';
import { tempDir } from '../helpers.ts';
import { minimalDocx, minimalPdf } from './fixtures.ts';
import { openIndex, writeFiles } from './helpers.ts';

const FILES = {
  'notes/plain.txt': 'Plain text mentions the aardvark.',
  'notes/readme.md': '# Guide\n\nMarkdown mentions the **bandicoot**.',
  'web/page.html':
    '<html><head><title>Zoo</title><script>var caracal = 1;</script><style>.x{}</style></head><body><h1>Animals</h1><p>The <b>dugong</b> &amp; friends.</p><ul><li>one</li><li>two</li></ul></body></html>',
  'docs/report.pdf': minimalPdf(['The echidna lays eggs.', 'Second line (with parentheses).']),
  'docs/letter.docx': minimalDocx(['Dear fennec fox,', 'Regards & thanks.']),
  'data/table.csv': 'name,habitat\ngecko,desert\nheron,wetland\n',
  'data/config.json': '{"animal": "ibex", "legs": 4}',
  'src/main.ts': 'export function jackal(): string {\n  return "howl";\n}\n',
  'src/tool.py': 'def kinkajou():\n    return "tree"\n',
  'src/skip.bin': 'not a supported type',
};

describe('ingestion of each file type', () => {
  it('extracts the text of txt, md, html, pdf, docx, csv, json and source files', async () => {
    const dir = await tempDir();
    await writeFiles(dir, FILES);
    const read = async (name: string) => parseDocument(name, new Uint8Array(await readFile(path.join(dir, name))));
    expect(await read('notes/plain.txt')).toBe(FILES['notes/plain.txt']);
    expect(await read('notes/readme.md')).toBe(FILES['notes/readme.md']);
    expect(await read('web/page.html')).toBe('Zoo\n\nAnimals\n\nThe dugong & friends.\n\n- one\n- two');
    expect(await read('docs/report.pdf')).toBe('The echidna lays eggs.\nSecond line (with parentheses).');
    expect(await read('docs/letter.docx')).toBe('Dear fennec fox,\n\nRegards & thanks.');
    expect(await read('data/table.csv')).toBe(FILES['data/table.csv']);
    expect(await read('data/config.json')).toBe(FILES['data/config.json']);
    expect(await read('src/main.ts')).toBe(FILES['src/main.ts']);
    await expect(read('src/skip.bin')).rejects.toThrow(/cannot be searched/);
  });

  it('keeps HTML structure: blocks on lines, cells apart, entities decoded, pre kept', () => {
    const html =
      '<div>One<br>Two</div><table><tr><th>a</th><td>b&nbsp;c</td></tr></table><!-- hidden --><pre>x  =  1\ny</pre><p>&#x263A; &#9731; &lt;tag&gt;</p>';
    expect(htmlToText(html)).toBe('One\nTwo\n\na\tb c\n\nx  =  1\ny\n\n☺ ☃ <tag>');
  });

  it('selects files from folders and globs by type, and names what matched nothing', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { ...FILES, '.hidden/secret.txt': 'hidden', 'node_modules/dep/index.js': 'ignored' });
    const all = await collectKnowledgeFiles(dir, { paths: ['.'], fileTypes: [] });
    expect(all.sources.map((s) => s.path)).toEqual([
      'data/config.json',
      'data/table.csv',
      'docs/letter.docx',
      'docs/report.pdf',
      'notes/plain.txt',
      'notes/readme.md',
      'src/main.ts',
      'src/tool.py',
      'web/page.html',
    ]);
    const some = await collectKnowledgeFiles(dir, { paths: ['notes', 'src/**/*', 'docs/report.pdf', 'missing', 'web/*.txt'], fileTypes: ['.MD', 'py'] });
    expect(some.sources.map((s) => s.path)).toEqual(['docs/report.pdf', 'notes/readme.md', 'src/tool.py']);
    expect(some.problems).toEqual([
      { path: 'missing', message: 'Not found.' },
      { path: 'web/*.txt', message: 'No supported files match this pattern.' },
    ]);
  });

  it('indexes every type and finds each document by a word only it contains', async () => {
    const dir = await tempDir();
    await writeFiles(dir, FILES);
    const { index } = openIndex();
    const { sources } = await collectKnowledgeFiles(dir, { paths: ['.'], fileTypes: [] });
    const report = await index.index('zoo', { sources, chunking: { type: 'auto' } });
    expect(report).toMatchObject({ added: 9, failed: [] });
    const expected: Record<string, string> = {
      aardvark: 'plain.txt',
      bandicoot: 'readme.md',
      dugong: 'page.html',
      echidna: 'report.pdf',
      fennec: 'letter.docx',
      heron: 'table.csv',
      ibex: 'config.json',
      jackal: 'main.ts',
      kinkajou: 'tool.py',
    };
    for (const [word, file] of Object.entries(expected)) {
      const hits = await index.search('zoo', word, { mode: 'keyword', maxResults: 3 });
      expect([word, hits.map((h) => h.fileName)]).toEqual([word, [file]]);
    }
    // Script content is not text a reader sees.
    expect(await index.search('zoo', 'caracal', { mode: 'keyword', maxResults: 3 })).toEqual([]);
  });
});
