import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import {
  createOpenAIEmbedder,
  type Embedder,
  type FileIndex,
  type FusionMethod,
  openFileIndex,
  type SearchMode,
  textSource,
} from '../../electron/engine/index.ts';
import { percentile, round2 } from '../lib/stats.ts';
import { loadBeir, type BeirDataset } from './beir.ts';
import { evaluateRun } from './metrics.ts';

const USAGE = `Usage: npm run bench:retrieval -- <dataset-dir> [--split test] [--embeddings <base-url> [--model text-embedding-3-small] [--dimensions n]] [--db file]
  The dataset is in the BEIR layout (corpus.jsonl, queries.jsonl, qrels/<split>.tsv).
  With --embeddings, the key comes from OPENAI_API_KEY, and hybrid search is measured too.`;

// Depth of the ranking that Recall@100 is computed over; chunks are read deeper so that a document
// split into several chunks still leaves 100 distinct documents.
const DEPTH = 100;
const CHUNK_DEPTH = 3 * DEPTH;
const STORE = 'beir';

interface ModeFigures {
  ndcg10: number;
  recall100: number;
  queryP50Ms: number;
  queryP95Ms: number;
  indexMs: number;
}

/** Ranks the corpus for every query with the app's own search, as document ids (BEIR drops a query's own id). */
async function runQueries(index: FileIndex, data: BeirDataset, mode: SearchMode, embedder: Embedder | null, fusion: FusionMethod) {
  const run = new Map<string, string[]>();
  const times: number[] = [];
  for (const [id, text] of data.queries) {
    const started = performance.now();
    const hits = await index.search(STORE, text, { mode, maxResults: CHUNK_DEPTH, embedder, fusion });
    times.push(performance.now() - started);
    const docs = [...new Set(hits.map((hit) => hit.path))].filter((doc) => doc !== id).slice(0, DEPTH);
    run.set(id, docs);
  }
  return { scores: evaluateRun(run, data.qrels), p50: percentile(times, 50), p95: percentile(times, 95) };
}

const figures = (r: Awaited<ReturnType<typeof runQueries>>, indexMs: number): ModeFigures => ({
  ndcg10: Math.round(r.scores.ndcg10 * 10000) / 10000,
  recall100: Math.round(r.scores.recall100 * 10000) / 10000,
  queryP50Ms: round2(r.p50),
  queryP95Ms: round2(r.p95),
  indexMs: Math.round(indexMs),
});

const line = (label: string, f: ModeFigures): string =>
  `${label.padEnd(17)} nDCG@10 ${f.ndcg10.toFixed(4)}  Recall@100 ${f.recall100.toFixed(4)}  index ${(f.indexMs / 1000).toFixed(1)} s  query p50 ${f.queryP50Ms} ms  p95 ${f.queryP95Ms} ms`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      split: { type: 'string', default: 'test' },
      embeddings: { type: 'string' },
      model: { type: 'string', default: 'text-embedding-3-small' },
      dimensions: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  let embedder: Embedder | null = null;
  if (values.embeddings) {
    const apiKey = process.env.OPENAI_API_KEY;
    if (!apiKey) throw new Error('--embeddings needs the endpoint key in OPENAI_API_KEY (any value for servers without keys).');
    embedder = createOpenAIEmbedder({
      baseURL: values.embeddings,
      apiKey,
      model: values.model,
      dimensions: values.dimensions ? Number(values.dimensions) : undefined,
    });
  }

  const data = await loadBeir(positionals[0]!, values.split);
  console.log(`${data.name}: ${data.corpus.length} documents, ${data.queries.size} queries with judgments (${values.split})`);
  const scratch = values.db ? null : await mkdtemp(path.join(os.tmpdir(), 'retrieval-bench-'));
  const db = new DatabaseSync(values.db ?? path.join(scratch!, 'index.sqlite'), { allowExtension: true });
  // The pragmas of the app's own database (electron/engine/store), so index times match the app's.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  try {
    const index = openFileIndex(db);
    // One BEIR document is one indexed document: its title and text, as Pyserini indexes them.
    const sources = data.corpus.map((doc) => textSource(doc.id, `${doc.id}.txt`, doc.title ? `${doc.title}\n\n${doc.text}` : doc.text));
    const keywordReport = await index.index(STORE, { sources, chunking: { type: 'auto' } });
    if (keywordReport.failed.length > 0)
      console.log(`${keywordReport.failed.length} documents could not be indexed, e.g. ${keywordReport.failed[0]!.path}: ${keywordReport.failed[0]!.message}`);
    const keyword = figures(await runQueries(index, data, 'keyword', null, 'rrf'), keywordReport.durationMs);
    console.log(line('keyword (BM25)', keyword));

    const hybrid: (ModeFigures & { fusion: FusionMethod })[] = [];
    let vectorWithEmbedding: { p50Ms: number; p95Ms: number } | null = null;
    if (embedder) {
      // Files are unchanged, so this run only adds vectors: its time is the embedding cost.
      const vectorReport = await index.index(STORE, { sources, chunking: { type: 'auto' }, embedder });
      const indexMs = keywordReport.durationMs + vectorReport.durationMs;
      // Embedding a query is a request to the endpoint. A one-result vector search per query embeds
      // (and caches) them all first, timed on its own, so the hybrid timings below compare the two
      // fusions rather than the network.
      const embedTimes: number[] = [];
      for (const text of data.queries.values()) {
        const started = performance.now();
        await index.search(STORE, text, { mode: 'vector', maxResults: 1, embedder });
        embedTimes.push(performance.now() - started);
      }
      vectorWithEmbedding = { p50Ms: round2(percentile(embedTimes, 50)), p95Ms: round2(percentile(embedTimes, 95)) };
      console.log(
        `vector search, embedding each query: p50 ${vectorWithEmbedding.p50Ms} ms  p95 ${vectorWithEmbedding.p95Ms} ms (query vectors cached from here on)`,
      );
      for (const fusion of ['weighted', 'rrf'] as const) {
        const result = { fusion, ...figures(await runQueries(index, data, 'hybrid', embedder, fusion), indexMs) };
        console.log(line(`hybrid (${fusion})`, result));
        hybrid.push(result);
      }
    }
    console.log(
      JSON.stringify({
        dataset: data.name,
        documents: data.corpus.length,
        queries: data.queries.size,
        keyword,
        // `hybrid` is what the app runs (weighted fusion, the default); `hybridRrf` is the alternative.
        hybrid: hybrid.find((h) => h.fusion === 'weighted') ?? null,
        hybridRrf: hybrid.find((h) => h.fusion === 'rrf') ?? null,
        vectorWithEmbedding,
      }),
    );
  } finally {
    db.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
