import { describe, expect, it } from 'vitest';
import { RunReferences } from '../../../electron/engine/runtime/tools/citations.ts';

describe('RunReferences.annotate', () => {
  const references = (): RunReferences => {
    const refs = new RunReferences();
    expect(refs.nextSearch()).toBe(0);
    refs.addSource(0, 0, { fileId: 'fs_file_a', chunkId: 'fs_file_a:0' });
    refs.addSource(0, 1, { fileId: 'fs_file_b', chunkId: 'fs_file_b:3' });
    refs.addOutputFile('/mnt/data/out.csv', 'file-out');
    refs.addOutputFile('/home/me/Application Support/report.txt', 'file-report');
    return refs;
  };

  it('turns known source markers into file citations with UTF-16 indices, in text order', () => {
    const text = 'Ünïcode first 【0:1†b.md】 then 😀 【0:0†a.md】, unknown 【4:0†x.md】.';
    const annotations = references().annotate(text);
    expect(annotations.map((a) => a.text)).toEqual(['【0:1†b.md】', '【0:0†a.md】']);
    for (const a of annotations) expect(text.slice(a.start_index, a.end_index)).toBe(a.text);
    expect(annotations[0]).toMatchObject({ type: 'file_citation', file_citation: { file_id: 'fs_file_b', chunk_id: 'fs_file_b:3' } });
  });

  it('links output files by the exact path the code saw, ignoring longer names and trailing punctuation', () => {
    const text = 'See [the table](sandbox:/mnt/data/out.csv), not sandbox:/mnt/data/out.csv.bak. Report: sandbox:/home/me/Application%20Support/report.txt.';
    const annotations = references().annotate(text);
    expect(annotations.map((a) => [a.type, a.text])).toEqual([
      ['file_path', 'sandbox:/mnt/data/out.csv'],
      ['file_path', 'sandbox:/home/me/Application%20Support/report.txt'],
    ]);
    for (const a of annotations) expect(text.slice(a.start_index, a.end_index)).toBe(a.text);
    expect(annotations[1]).toMatchObject({ file_path: { file_id: 'file-report' } });
  });
});
