import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder } from '../../../electron/engine/fileSearch/embedder.ts';
import { textSource } from '../../../electron/engine/fileSearch/sources.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { countingEmbedder, openIndex } from './helpers.ts';

const AUTO = { type: 'auto' } as const;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const embedder = (dimensions = 256, batchSize = 2) =>
  countingEmbedder(createOpenAIEmbedder({ baseURL: sim.baseURL, apiKey: 'test-key', model: 'text-embedding-3-small', dimensions, batchSize }));

const DOCS = [
  textSource('cats.txt', 'cats.txt', 'The cat sat on the mat and purred at the other cats.'),
  textSource('stocks.txt', 'stocks.txt', 'Stock prices fell sharply as quarterly revenue missed forecasts.'),
  textSource('garden.txt', 'garden.txt', 'Tomatoes and basil grow well together in a sunny garden.'),
];

describe('local index: vectors through /v1/embeddings', () => {
  it('embeds every chunk in batches and finds the nearest chunk by cosine similarity', async () => {
    const { index } = openIndex();
    expect(index.vectorsAvailable).toBe(true);
    const embed = embedder();
    const report = await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: embed });
    expect(report).toMatchObject({ embedded: 3, embeddingsFromCache: 0, pendingVectors: 0 });
    expect(embed.calls).toBe(2);
    expect(index.store('kb')?.embedderId).toBe(`text-embedding-3-small@256 via ${new URL(sim.baseURL).host}`);
    const hits = await index.search('kb', 'a cat sitting on a mat', { mode: 'vector', maxResults: 3, embedder: embed });
    expect(hits.map((h) => h.fileName)).toEqual(['cats.txt', expect.any(String), expect.any(String)]);
    for (const hit of hits) expect(hit.score).toBeGreaterThanOrEqual(0);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    // The threshold applies to the cosine similarity.
    const strict = await index.search('kb', 'a cat sitting on a mat', { mode: 'vector', maxResults: 3, embedder: embed, scoreThreshold: hits[0]!.score });
    expect(strict.map((h) => h.fileName)).toEqual(['cats.txt']);
  });

  it('fuses keyword and vector rankings in hybrid search, with scores from 0 to 1', async () => {
    const { index } = openIndex();
    const embed = embedder();
    await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: embed });
    for (const fusion of ['rrf', 'weighted'] as const) {
      const hits = await index.search('kb', 'revenue and stock prices', { mode: 'hybrid', maxResults: 3, embedder: embed, fusion });
      expect(hits[0]?.fileName).toBe('stocks.txt');
      for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
      for (const hit of hits) expect(hit.score).toBeLessThanOrEqual(1);
    }
    // Weighted fusion (the default) averages each chunk's keyword and vector scores, both known for
    // every candidate, even one that only the other ranking found.
    const query = 'revenue and stock prices in the garden';
    const keyword = new Map((await index.search('kb', query, { mode: 'keyword', maxResults: 10 })).map((h) => [h.chunkId, h.score]));
    const vector = new Map((await index.search('kb', query, { mode: 'vector', maxResults: 10, embedder: embed })).map((h) => [h.chunkId, h.score]));
    const fused = await index.search('kb', query, { mode: 'hybrid', maxResults: 10, embedder: embed });
    expect(fused).toHaveLength(3);
    for (const hit of fused) expect(hit.score).toBeCloseTo(0.5 * (keyword.get(hit.chunkId) ?? 0) + 0.5 * vector.get(hit.chunkId)!, 10);
    // First in both rankings is a perfect reciprocal-rank score.
    const [top] = await index.search('kb', 'revenue and stock prices', { mode: 'hybrid', maxResults: 1, embedder: embed, fusion: 'rrf' });
    expect(top?.score).toBeCloseTo(1, 10);
  });

  it('never embeds an unchanged chunk twice, within a store or across stores', async () => {
    const { index } = openIndex();
    const embed = embedder();
    await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: embed });
    embed.calls = 0;
    embed.texts.length = 0;

    expect(await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: embed })).toMatchObject({ unchanged: 3, embedded: 0 });
    expect(embed.calls).toBe(0);

    const edited = [DOCS[0]!, DOCS[1]!, textSource('garden.txt', 'garden.txt', 'Peppers need more sun than lettuce.')];
    expect(await index.index('kb', { sources: edited, chunking: AUTO, embedder: embed })).toMatchObject({ updated: 1, embedded: 1 });
    expect(embed.texts).toEqual(['Peppers need more sun than lettuce.']);

    embed.texts.length = 0;
    const other = await index.index('copy', { sources: DOCS, chunking: AUTO, embedder: embed });
    expect(other).toMatchObject({ added: 3, embedded: 0, embeddingsFromCache: 3 });
    expect(embed.texts).toEqual([]);
    expect((await index.search('copy', 'purring cats', { mode: 'vector', maxResults: 1, embedder: embed }))[0]?.fileName).toBe('cats.txt');
  });

  it('adds vectors to a keyword-only store later, and re-embeds when the embedder changes', async () => {
    const { index } = openIndex();
    await index.index('kb', { sources: DOCS, chunking: AUTO });
    const small = embedder(256);
    // Without vectors, hybrid search is keyword search and vector search says why it cannot run.
    expect((await index.search('kb', 'garden basil', { mode: 'hybrid', maxResults: 1, embedder: small }))[0]?.fileName).toBe('garden.txt');
    await expect(index.search('kb', 'garden basil', { mode: 'vector', maxResults: 1, embedder: small })).rejects.toThrow(/no vectors yet/);

    expect(await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: small })).toMatchObject({ unchanged: 3, embedded: 3 });
    const large = embedder(512);
    await expect(index.search('kb', 'garden basil', { mode: 'vector', maxResults: 1, embedder: large })).rejects.toThrow(/re-index it to switch/);
    expect(await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: large })).toMatchObject({ embedded: 3, pendingVectors: 0 });
    expect((await index.search('kb', 'garden basil', { mode: 'vector', maxResults: 1, embedder: large }))[0]?.fileName).toBe('garden.txt');
  });

  it('stops embedding when cancelled and finishes the rest on the next run', async () => {
    const { index } = openIndex();
    const embed = embedder(64, 1);
    const controller = new AbortController();
    const report = await index.index('kb', {
      sources: DOCS,
      chunking: AUTO,
      embedder: embed,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'embeddings' && p.embeddingsDone === 1) controller.abort();
      },
    });
    expect(report).toMatchObject({ cancelled: true, added: 3, pendingVectors: 2 });
    expect(await index.index('kb', { sources: DOCS, chunking: AUTO, embedder: embed })).toMatchObject({ cancelled: false, embedded: 2, pendingVectors: 0 });
  });

  it('keeps each embeddings request under the API token limit', async () => {
    const { index } = openIndex();
    const embed = embedder(32, 128);
    const sizes: number[] = [];
    const recording = {
      ...embed,
      embed: (texts: string[], signal?: AbortSignal) => {
        sizes.push(texts.length);
        return embed.embed(texts, signal);
      },
    };
    // About 70 distinct chunks of 4,096 tokens (each " w12345" is 3 tokens): all in one request would
    // be over 280,000 tokens, past the 250,000 the index allows itself under OpenAI's 300,000.
    const text = Array.from({ length: 96_000 }, (_, i) => ` w${i + 10_000}`).join('');
    await index.index('big', {
      sources: [textSource('big.txt', 'big.txt', text)],
      chunking: { type: 'static', maxChunkSizeTokens: 4096, chunkOverlapTokens: 0 },
      embedder: recording,
    });
    expect(index.files('big')[0]!.chunkCount).toBeGreaterThan(68);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(index.files('big')[0]!.chunkCount);
    expect(Math.max(...sizes) * 4096).toBeLessThanOrEqual(250_000);
  }, 60_000);
});
