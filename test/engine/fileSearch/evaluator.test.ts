import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { tempDir } from '../helpers.ts';
import { writeBeirDataset } from './beirFixture.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function bench(args: string[]): Promise<{ lines: string[]; result: Record<string, unknown> }> {
  const { stdout } = await run(process.execPath, ['bench/retrieval/run.ts', ...args], { cwd: root, env: { ...process.env, OPENAI_API_KEY: 'test-key' } });
  const lines = stdout.trim().split('\n');
  return { lines, result: JSON.parse(lines.at(-1)!) as Record<string, unknown> };
}

// Each case starts a Node process, which takes seconds on a busy machine.
describe('retrieval evaluator command', { timeout: 60_000 }, () => {
  it('indexes a generated BEIR dataset with the app code and prints keyword figures, then one JSON line', async () => {
    const dir = await tempDir();
    const { documents, queries } = await writeBeirDataset(dir);
    const { lines, result } = await bench([dir]);
    expect(lines[0]).toBe(`${path.basename(dir)}: ${documents} documents, ${queries} queries with judgments (test)`);
    expect(lines.some((l) => l.startsWith('keyword (BM25)'))).toBe(true);
    expect(result).toMatchObject({ documents, queries, hybrid: null });
    const keyword = result.keyword as Record<string, number>;
    // Each query names its main document's words: it must come first, and both judged documents within 100.
    expect(keyword.ndcg10).toBeGreaterThan(0.9);
    expect(keyword.recall100).toBe(1);
    expect(keyword.queryP95Ms).toBeGreaterThanOrEqual(keyword.queryP50Ms!);
    expect(keyword.indexMs).toBeGreaterThanOrEqual(0);
  });

  it('measures hybrid search too when an embeddings endpoint is given', async () => {
    const dir = await tempDir();
    await writeBeirDataset(dir);
    const { lines, result } = await bench([dir, '--embeddings', sim.baseURL, '--dimensions', '256']);
    expect(lines.filter((l) => l.startsWith('hybrid'))).toHaveLength(2);
    for (const key of ['hybrid', 'hybridRrf']) {
      const figures = result[key] as Record<string, number>;
      expect(figures.ndcg10).toBeGreaterThan(0.8);
      expect(figures.recall100).toBe(1);
      expect(figures.indexMs).toBeGreaterThanOrEqual((result.keyword as Record<string, number>).indexMs!);
    }
  });

  it('says what is missing when the folder is not a BEIR dataset', async () => {
    const dir = await tempDir();
    await expect(run(process.execPath, ['bench/retrieval/run.ts', dir], { cwd: root })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('corpus.jsonl is missing'),
    });
  });
});
