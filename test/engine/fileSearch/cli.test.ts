import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { tempDir } from '../helpers.ts';
import { writeFiles } from './helpers.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function cli(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', 'scripts/file-index.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  return stdout;
}

// Each case starts Node processes, which take seconds on a busy machine.
describe('file-index command', { timeout: 60_000 }, () => {
  it('indexes a folder into a named store, queries it, lists it, and re-indexes only what changed', async () => {
    const folder = await tempDir();
    const data = await tempDir();
    await writeFiles(folder, { 'a/volcano.md': 'Magma rises and the volcano erupts.', 'b/bread.txt': 'Knead the dough, bake the bread.', 'bad.pdf': 'broken' });
    const env = { ASSISTANT_STUDIO_DATA_DIR: data };
    const indexed = await cli(['index', 'notes', folder], env);
    expect(indexed).toContain(`Indexed "notes" from ${folder}: 3 files (3 added, 0 updated, 0 unchanged, 0 removed), 2 chunks written`);
    expect(indexed).toMatch(/1 file\(s\) could not be indexed:\n {2}bad\.pdf: The PDF could not be read/);

    const answer = await cli(['query', 'notes', 'erupting volcanoes', '--k', '5'], env);
    expect(answer).toMatch(/^1\. 0\.\d{4} {2}a\/volcano\.md {2}\[file-\w+:0, characters 0–35\]\n {3}Magma rises and the volcano erupts\.\n$/);

    expect(await cli(['list'], env)).toMatch(/^notes {2}vs_\w+ {2}3 files {2}keyword only\n$/);
    expect(await cli(['index', 'notes', folder], env)).toContain('3 files (0 added, 0 updated, 3 unchanged, 0 removed), 0 chunks written');
  });

  it('adds vectors from an embeddings endpoint and searches in hybrid mode', async () => {
    const folder = await tempDir();
    const db = path.join(await tempDir(), 'custom.sqlite');
    await writeFiles(folder, { 'cats.txt': 'The cat sat on the mat.', 'stocks.txt': 'Stock prices fell sharply.' });
    const env = { OPENAI_API_KEY: 'test-key' };
    const embeddings = ['--db', db, '--embeddings', sim.baseURL, '--dimensions', '128'];
    expect(await cli(['index', 'kb', folder, ...embeddings], env)).toContain('Vectors: 2 embedded, 0 from the cache, 0 still missing.');
    const answer = await cli(['query', 'kb', 'a cat on a mat', ...embeddings], env);
    expect(answer.split('\n')[0]).toMatch(/^1\. 0\.\d{4} {2}cats\.txt/);
    const ranked = await cli(['query', 'kb', 'a cat on a mat', '--fusion', 'rrf', ...embeddings], env);
    expect(ranked.split('\n')[0]).toMatch(/^1\. 1\.0000 {2}cats\.txt/);
    const vector = await cli(['query', 'kb', 'a cat on a mat', '--mode', 'vector', '--k', '1', ...embeddings], env);
    expect(vector).toMatch(/^1\. 0\.\d{4} {2}cats\.txt/);
  });

  it('explains wrong usage with exit code 2', async () => {
    await expect(run(process.execPath, ['scripts/file-index.ts', 'query', 'x'], { cwd: root })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command or wrong arguments'),
    });
  });
});
