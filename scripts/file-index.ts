import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { AppFailure } from '../shared/errors.ts';
import {
  type ChunkingStrategy,
  collectKnowledgeFiles,
  createOpenAIEmbedder,
  type Embedder,
  type FileIndex,
  type FusionMethod,
  openFileIndex,
  type SearchMode,
} from '../electron/engine/index.ts';
import { defaultDataDir } from '../electron/host/dataDir.ts';
import { callerPath } from './cli/project.ts';

const USAGE = `Index folders into named local stores and search them, with the app's own File Search code.

  node scripts/file-index.ts index <store> <folder> [--types md,txt,pdf] [--chunk-size n --chunk-overlap n]
  node scripts/file-index.ts query <store> "<text>" [--k 10] [--mode keyword|vector|hybrid] [--threshold 0.2] [--fusion weighted|rrf]
  node scripts/file-index.ts list [<store>]
  node scripts/file-index.ts remove <store>

Common options:
  --db <file>              the index database (default: <data dir>/index.sqlite, where the data dir is
                           ASSISTANT_STUDIO_DATA_DIR or the platform's application data folder)
  --embeddings <base-url>  an OpenAI-compatible API root for vectors, e.g. https://api.openai.com/v1;
                           the key comes from OPENAI_API_KEY
  --model <name>           embeddings model (default text-embedding-3-small)
  --dimensions <n>         shortened vectors (text-embedding-3-* only)`;

const OPTIONS = {
  db: { type: 'string' },
  embeddings: { type: 'string' },
  model: { type: 'string', default: 'text-embedding-3-small' },
  dimensions: { type: 'string' },
  types: { type: 'string' },
  'chunk-size': { type: 'string' },
  'chunk-overlap': { type: 'string' },
  k: { type: 'string', default: '10' },
  mode: { type: 'string' },
  threshold: { type: 'string', default: '0' },
  fusion: { type: 'string', default: 'weighted' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number (got "${value}").`);
  return parsed;
}

function embedderFrom(values: Values): Embedder | null {
  if (!values.embeddings) return null;
  const apiKey = process.env.OPENAI_API_KEY;
  if (!apiKey) throw new UsageError('--embeddings needs the key in OPENAI_API_KEY (any value for servers without keys).');
  return createOpenAIEmbedder({ baseURL: values.embeddings, apiKey, model: values.model, dimensions: number(values.dimensions, 'dimensions') });
}

function chunkingFrom(values: Values): ChunkingStrategy {
  const size = number(values['chunk-size'], 'chunk-size');
  const overlap = number(values['chunk-overlap'], 'chunk-overlap');
  if (size === undefined && overlap === undefined) return { type: 'auto' };
  return { type: 'static', maxChunkSizeTokens: size ?? 800, chunkOverlapTokens: overlap ?? Math.min(400, Math.floor((size ?? 800) / 2)) };
}

async function indexCommand(index: FileIndex, store: string, folder: string, values: Values): Promise<void> {
  const root = callerPath(folder);
  const fileTypes = values.types ? values.types.split(',') : [];
  const { sources, problems } = await collectKnowledgeFiles(root, { paths: ['.'], fileTypes });
  for (const problem of problems) console.log(`! ${problem.path}: ${problem.message}`);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const live = process.stderr.isTTY;
  const report = await index.index(store, {
    sources,
    chunking: chunkingFrom(values),
    embedder: embedderFrom(values),
    signal: controller.signal,
    onProgress: (p) => {
      if (!live) return;
      const text = p.phase === 'files' ? `files ${p.filesDone}/${p.filesTotal}, ${p.chunks} chunks` : `vectors ${p.embeddingsDone}/${p.embeddingsTotal}`;
      process.stderr.write(`\r${text.padEnd(60)}`);
    },
  });
  if (live) process.stderr.write(`\r${' '.repeat(61)}\r`);
  const files = report.added + report.updated + report.unchanged;
  console.log(
    `${report.cancelled ? 'Cancelled while indexing' : 'Indexed'} "${store}" from ${root}: ${files} files (${report.added} added, ${report.updated} updated, ${report.unchanged} unchanged, ${report.removed} removed), ${report.chunksWritten} chunks written in ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  if (values.embeddings)
    console.log(`Vectors: ${report.embedded} embedded, ${report.embeddingsFromCache} from the cache, ${report.pendingVectors} still missing.`);
  if (report.failed.length > 0) {
    console.log(`${report.failed.length} file(s) could not be indexed:`);
    for (const failure of report.failed) console.log(`  ${failure.path}: ${failure.message}`);
  }
  if (report.cancelled) process.exitCode = 130;
}

async function queryCommand(index: FileIndex, store: string, text: string, values: Values): Promise<void> {
  const embedder = embedderFrom(values);
  const mode = (values.mode ?? (embedder ? 'hybrid' : 'keyword')) as SearchMode;
  if (!['keyword', 'vector', 'hybrid'].includes(mode)) throw new UsageError(`--mode must be keyword, vector or hybrid (got "${mode}").`);
  if (!['rrf', 'weighted'].includes(values.fusion)) throw new UsageError(`--fusion must be rrf or weighted (got "${values.fusion}").`);
  const hits = await index.search(store, text, {
    mode,
    maxResults: number(values.k, 'k') ?? 10,
    scoreThreshold: number(values.threshold, 'threshold') ?? 0,
    embedder,
    fusion: values.fusion as FusionMethod,
  });
  if (hits.length === 0) console.log(`No results in "${store}" (${mode}).`);
  hits.forEach((hit, i) => {
    const excerpt = hit.text.replace(/\s+/g, ' ').trim();
    console.log(`${i + 1}. ${hit.score.toFixed(4)}  ${hit.path}  [${hit.chunkId}, characters ${hit.charStart}–${hit.charEnd}]`);
    console.log(`   ${excerpt.length > 240 ? `${excerpt.slice(0, 240)}…` : excerpt}`);
  });
}

function listCommand(index: FileIndex, store: string | undefined): void {
  if (store === undefined) {
    const stores = index.stores();
    if (stores.length === 0) console.log('No stores yet.');
    for (const s of stores) {
      const files = index.files(s.name);
      console.log(`${s.name}  ${s.id}  ${files.length} files  ${s.embedderId ? `vectors: ${s.embedderId}` : 'keyword only'}`);
    }
    return;
  }
  if (!index.store(store)) throw new AppFailure('E_NOT_FOUND', `There is no local store named "${store}".`);
  for (const file of index.files(store)) {
    console.log(`${file.status === 'indexed' ? ' ' : '!'} ${file.path}  ${file.id}  ${file.chunkCount} chunks${file.error ? `  ${file.error}` : ''}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const known =
    (command === 'index' && rest.length === 2) ||
    (command === 'query' && rest.length === 2) ||
    (command === 'list' && rest.length <= 1) ||
    (command === 'remove' && rest.length === 1);
  if (!known) throw new UsageError(`Unknown command or wrong arguments: ${positionals.join(' ')}\n\n${USAGE}`);
  const file = values.db ? callerPath(values.db) : path.join(defaultDataDir(process.platform, process.env, os.homedir()), 'index.sqlite');
  await mkdir(path.dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { allowExtension: true });
  // The same pragmas as the app's database: readers are not blocked while a folder is indexed.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  try {
    const index = openFileIndex(db);
    const [store, second] = rest as [string, string];
    if (command === 'index') await indexCommand(index, store, second, values);
    else if (command === 'query') await queryCommand(index, store, second, values);
    else if (command === 'list') listCommand(index, rest[0]);
    else console.log(index.removeStore(store) ? `Removed "${store}".` : `There is no store named "${store}".`);
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
