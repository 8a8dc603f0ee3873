import { describe, expect, it } from 'vitest';
import { syncKnowledge } from '../../../electron/engine/fileSearch/knowledge.ts';
import { tempDir } from '../helpers.ts';
import { openIndex, writeFiles } from './helpers.ts';

describe('indexing the Knowledge nodes of a File Search node', () => {
  it('indexes every node’s files into one store and reports problems on the node they belong to', async () => {
    const project = await tempDir();
    await writeFiles(project, {
      'docs/guide.md': 'The guide explains installation.',
      'docs/broken.pdf': 'not a pdf',
      'faq/answers.txt': 'Answers about billing.',
      'shared/terms.txt': 'Terms apply to everyone.',
    });
    const { index } = openIndex();
    const report = await syncKnowledge(index, {
      storeName: 'fs:n_search',
      baseDir: project,
      chunking: { type: 'auto' },
      knowledge: [
        { nodeId: 'n_docs', title: 'Docs', paths: ['docs', 'shared/terms.txt'], fileTypes: ['md', 'pdf'] },
        { nodeId: 'n_faq', title: 'FAQ', paths: ['faq/*.txt', 'shared/terms.txt', 'nowhere/'], fileTypes: ['txt'] },
      ],
    });
    expect(report.added).toBe(4);
    expect(index.files('fs:n_search').map((f) => f.path)).toEqual(['docs/broken.pdf', 'docs/guide.md', 'faq/answers.txt', 'shared/terms.txt']);
    expect(report.problems).toEqual([
      { nodeId: 'n_faq', path: 'nowhere/', message: 'Not found.' },
      { nodeId: 'n_docs', path: 'docs/broken.pdf', message: expect.stringMatching(/PDF could not be read/) },
    ]);
    expect((await index.search('fs:n_search', 'billing answers', { mode: 'keyword', maxResults: 3 }))[0]?.path).toBe('faq/answers.txt');
  });
});
