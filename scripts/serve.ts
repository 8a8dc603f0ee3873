import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RUNS_DATABASE } from '../electron/backend/backend.ts';
import { DataDirLocked, lockDataDir } from '../electron/backend/workspace/dataLock.ts';
import { consoleLog } from '../electron/backend/workspace/log.ts';
import {
  createClient,
  createOpenAIEmbedder,
  createRuntime,
  createVectorStores,
  openFileIndex,
  openStore,
  privateDir,
  type Embedder,
  type ProviderConnection,
} from '../electron/engine/index.ts';
import { defaultDataDir } from '../electron/host/dataDir.ts';
import { closeOnSignals } from '../electron/host/signals.ts';
import { isLoopback, newServeKey } from '../electron/serve/auth.ts';
import { parseAliases, resolveWith, type ModelTable } from '../electron/serve/models.ts';
import { createAssistantsServer } from '../electron/serve/server.ts';
import { connectionFrom, idleTimeoutFrom } from './cli/run.ts';
import { callerPath, UsageError } from './cli/project.ts';

const KEY_ENV = 'ASSISTANT_STUDIO_SERVE_KEY';
/** Where the SDK sends requests when the connection's base URL is empty. */
const OPENAI_API = 'https://api.openai.com/v1';

const USAGE = `Serve the Assistants API v2 on this machine, backed by Assistant Studio's runtime, so existing
Assistants code runs unchanged with OPENAI_BASE_URL pointed at it.

  npm run serve -- [--port N] [--key K] [--provider openai|compatible] [--base-url URL]
                   [--model M] [--alias name=model ...] [--embedding-model M] [--data-dir DIR] [--host ADDR]
                   [--idle-timeout S]

  --port N                      the port to listen on (default 0: any free one)
  --key K                       the key clients must send (default ${KEY_ENV}, else a new one, printed)
  --provider openai|compatible  where runs go: OpenAI's Responses API (default) or any Chat Completions server
  --base-url URL                that provider's API root including /v1 (default OPENAI_BASE_URL, else OpenAI's);
                                its key comes from OPENAI_API_KEY (may be empty for local servers)
  --model M                     the model every run uses, whatever model its assistant names (unless aliased)
  --alias name=model            runs asking for one model use another, e.g. --alias gpt-4o=llama3.2 (repeatable)
  --embedding-model M           vector stores and File Search embed with this model of the provider, e.g.
                                text-embedding-3-small (OpenAI) or nomic-embed-text (Ollama): hybrid search;
                                without it, search is by keywords only
  --data-dir DIR                where threads, runs, files and vector stores are kept (default: the app's data directory)
  --host ADDR                   the address to listen on (default 127.0.0.1); any other than loopback needs a key
  --idle-timeout S              give up a model's answer whose stream sends nothing for S seconds (default 30)`;

const OPTIONS = {
  port: { type: 'string' },
  key: { type: 'string' },
  provider: { type: 'string', default: 'openai' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  alias: { type: 'string', multiple: true, default: [] as string[] },
  'embedding-model': { type: 'string' },
  'data-dir': { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  'idle-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const out = (line: string): boolean => process.stdout.write(`${line}\n`);

function parse() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function portOf(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (value === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number from 0 to 65535 (got "${value}").`);
  return port;
}

function aliasesOf(entries: string[]): Record<string, string> {
  try {
    return parseAliases(entries);
  } catch (error) {
    throw new UsageError(`--alias: ${(error as Error).message}`);
  }
}

/** The provider's embeddings endpoint with the model given, or null (keyword search only), as the app's settings have it. */
function embedderOf(connection: ProviderConnection, model: string | undefined): Embedder | null {
  if (model === undefined) return null;
  if (model.trim() === '') throw new UsageError('--embedding-model may not be empty.');
  return createOpenAIEmbedder({ baseURL: connection.baseUrl || OPENAI_API, apiKey: connection.apiKey || 'no-key', model: model.trim() });
}

/** The provider's models (for GET /v1/models) beside the table's names; a provider without /models lists none. */
function modelLister(connection: ProviderConnection, table: ModelTable): () => Promise<string[]> {
  const client = createClient({ ...connection, maxRetries: 1, timeoutMs: 10_000 });
  return async () => {
    const names = [...Object.keys(table.aliases), ...(table.defaultModel ? [table.defaultModel] : [])];
    try {
      for await (const model of client.models.list()) names.push(model.id);
    } catch {
      // Many compatible servers have no /models; the table's names are still listed.
    }
    return names;
  };
}

/**
 * This process's claim on the data directory's run database: opening it marks unfinished runs failed,
 * which would end the live runs of an app using the same directory.
 */
function lockRunsOf(dataDir: string) {
  try {
    return lockDataDir(dataDir, 'npm run serve');
  } catch (error) {
    if (!(error instanceof DataDirLocked)) throw error;
    const { owner, pid } = error.holder;
    throw new Error(
      `${dataDir} is in use by ${owner} (process ${pid}); serving from it too would end its live runs.\n` +
        'The app serves the Assistants API itself: switch it on in Settings → Assistants API server. Or serve from another folder with --data-dir.',
    );
  }
}

async function main(): Promise<void> {
  const values = parse();
  if (values.help) {
    out(USAGE);
    return;
  }
  const log = consoleLog('serve');
  const connection = connectionFrom({ provider: values.provider, baseUrl: values['base-url'] }, process.env);
  const idle = idleTimeoutFrom(values['idle-timeout']);
  const host = values.host;
  const given = values.key ?? process.env[KEY_ENV];
  if (given === '') throw new UsageError(`The key may not be empty (--key or ${KEY_ENV}).`);
  if (!isLoopback(host) && given === undefined) {
    throw new UsageError(`--host ${host} makes the server reachable from other machines, so it needs a key of your choosing: pass --key or set ${KEY_ENV}.`);
  }
  const key = given ?? newServeKey();
  const table: ModelTable = { aliases: aliasesOf(values.alias), ...(values.model ? { defaultModel: values.model } : {}) };
  const dataDir = values['data-dir'] ? callerPath(values['data-dir']) : defaultDataDir(process.platform, process.env, os.homedir());
  privateDir(dataDir);

  const embedder = embedderOf(connection, values['embedding-model']);
  const lock = lockRunsOf(dataDir);
  const store = openStore(path.join(dataDir, RUNS_DATABASE), { onWriteError: (error) => log.error('could not save run data', error) });
  if (store.recoveredRunIds.length > 0) log.warn(`${store.recoveredRunIds.length} run(s) left unfinished by the last session were marked failed`);
  // One index: vector stores are indexed into it and runs' File Search reads it.
  const fileIndex = openFileIndex(store.database);
  const runtime = createRuntime({
    store,
    // Every run goes to the provider of the command line, whatever provider id it names.
    resolveProvider: async () => connection,
    fileIndex,
    embedderFor: () => embedder,
    codeInterpreterDir: path.join(dataDir, 'code-interpreter'),
    filesDir: path.join(dataDir, 'files'),
    log,
    ...idle,
  });
  // Indexing left unfinished by the last session resumes now.
  const vectorStores = createVectorStores({ store, fileIndex, files: runtime.files, embedder: () => embedder, log });
  // The service stops indexing before the store closes under it.
  const closeAll = async (): Promise<void> => {
    await vectorStores.close();
    await runtime.close();
    store.close();
    lock.release();
  };
  const server = await createAssistantsServer({
    runtime,
    providerId: values.provider,
    resolveModel: resolveWith(table),
    listModels: modelLister(connection, table),
    key,
    host,
    port: portOf(values.port),
    log,
    vectorStoreService: vectorStores,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });

  closeOnSignals(async () => {
    await server.close();
    await closeAll();
  }, log);

  log.info(`data directory: ${dataDir}`);
  log.info(`runs go to ${connection.baseUrl || 'api.openai.com'} (${connection.api === 'responses' ? 'Responses API' : 'Chat Completions'})`);
  log.info(embedder ? `File Search is hybrid, with the embeddings of ${embedder.id}` : 'File Search is by keywords only (no --embedding-model)');
  if (!isLoopback(host)) log.warn(`listening on ${host}: other machines can reach this server; only the key keeps them out`);
  // Tests and scripts read the first line.
  out(`Assistant Studio serves the Assistants API at ${server.url}`);
  out('Point Assistants code at it with:');
  out(`  export OPENAI_BASE_URL=${server.url}`);
  out(`  export OPENAI_API_KEY=${given === undefined ? key : values.key !== undefined ? '<the key given with --key>' : `$${KEY_ENV}`}`);
}

main().catch((error: unknown) => {
  console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
