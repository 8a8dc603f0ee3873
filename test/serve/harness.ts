import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import {
  createRuntime,
  createVectorStores,
  openFileIndex,
  openStore,
  type Runtime,
  type RuntimeDeps,
  type Store,
  type VectorStoreFileSource,
  type VectorStoreService,
} from '../../electron/engine/index.ts';
import { createAssistantsServer, type AssistantsServer, type AssistantsServerOptions } from '../../electron/serve/server.ts';
import type { Simulator } from '../simulator/server.ts';
import { assertMatchesSchema } from '../simulator/spec.ts';

const KEY = 'sk-serve-test-key';

export interface Serve {
  server: AssistantsServer;
  client: OpenAI;
  runtime: Runtime;
  store: Store;
  /** The vector store service the server serves, when `vectorStores` was asked for. */
  vectorStores: VectorStoreService | null;
  dbFile: string;
  /** What the server logged as internal errors. */
  errors: string[];
  /** Stops the server and the runtime; the temporary database is removed unless `keep` is set. */
  dispose(options?: { keep?: boolean }): Promise<void>;
}

export interface ServeOptions {
  /** The upstream API the runtime speaks to the simulator; default Chat Completions. */
  api?: 'chat' | 'responses';
  /** Reuse this database file (a restart); default a new one in a temporary folder. */
  dbFile?: string;
  /** Retries of a failed provider request, and of a model turn whose stream broke; default 0. */
  maxRetries?: number;
  /** Runtime options beyond the store, provider and files folder (e.g. a code interpreter folder), given the temporary folder. */
  runtime?: (dir: string) => Partial<RuntimeDeps>;
  /**
   * Serve vector stores: the service on the runtime's store, files and File Search index (keyword
   * search only); `wrapFiles` stands between it and the runtime files (to hold indexing back), `now`
   * is its clock (Unix seconds).
   */
  vectorStores?: boolean | { wrapFiles?: (files: VectorStoreFileSource) => VectorStoreFileSource; now?: () => number };
  /** Server options; ones that need the runtime or the store come from a function of them. */
  server?: Partial<AssistantsServerOptions> | ((made: { runtime: Runtime; store: Store }) => Partial<AssistantsServerOptions>);
}

/**
 * The Assistants API server on 127.0.0.1 over a real runtime and store, with the simulator as the
 * upstream model, and the official SDK as its client.
 */
export async function startServe(sim: Simulator, options: ServeOptions = {}): Promise<Serve> {
  const dir = options.dbFile ? path.dirname(options.dbFile) : mkdtempSync(path.join(os.tmpdir(), 'studio-serve-'));
  const dbFile = options.dbFile ?? path.join(dir, 'runs.sqlite');
  const store = openStore(dbFile);
  const errors: string[] = [];
  const log = { info: () => undefined, error: (message: string, cause?: unknown) => void errors.push(`${message}: ${String(cause)}`) };
  // One index for the runtime's File Search and the vector stores, as `npm run serve` has it.
  const fileIndex = openFileIndex(store.database);
  const runtime = createRuntime({
    store,
    resolveProvider: async () => ({ api: options.api ?? 'chat', baseUrl: sim.baseURL, apiKey: 'sk-sim', maxRetries: options.maxRetries ?? 0 }),
    fileIndex,
    filesDir: path.join(dir, 'files'),
    log,
    ...options.runtime?.(dir),
  });
  const { wrapFiles = (files: VectorStoreFileSource) => files, now } = typeof options.vectorStores === 'object' ? options.vectorStores : {};
  const vectorStores = options.vectorStores ? createVectorStores({ store, fileIndex, files: wrapFiles(runtime.files), log, ...(now ? { now } : {}) }) : null;
  const server = await createAssistantsServer({
    runtime,
    providerId: 'sim',
    resolveModel: (name) => name,
    key: KEY,
    log,
    pollAfterMs: 10,
    ...(vectorStores ? { vectorStoreService: vectorStores } : {}),
    ...(typeof options.server === 'function' ? options.server({ runtime, store }) : options.server),
  });
  const client = new OpenAI({ baseURL: server.url, apiKey: KEY, maxRetries: 0 });
  return {
    server,
    client,
    runtime,
    store,
    vectorStores,
    dbFile,
    errors,
    async dispose({ keep = false } = {}) {
      await server.close();
      await vectorStores?.close();
      await runtime.close();
      store.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Checks a value against a schema of the OpenAPI spec and hands it back, for use inline. A page of a
 * list is checked as it came over the wire (the SDK keeps that body, protected, beside its items).
 */
export function checked<T>(schema: string, value: T): T {
  const wire = value !== null && typeof value === 'object' && 'getPaginatedItems' in value ? (value as unknown as { body: unknown }).body : value;
  assertMatchesSchema(schema, JSON.parse(JSON.stringify(wire)));
  return value;
}

/** A raw request to the server (for what the SDK would never send), answering status, headers and parsed body. */
export async function raw(
  serve: Serve,
  method: string,
  pathname: string,
  init: { body?: string | Uint8Array | FormData; headers?: Record<string, string>; key?: string | null } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key !== null) headers.authorization = `Bearer ${init.key ?? KEY}`;
  const response = await fetch(`${serve.server.url}${pathname}`, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a file's bytes, a stream): the text itself.
  }
  return { status: response.status, headers: response.headers, body };
}

/** A function tool as the tutorials define one. */
export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
