import type { Project } from '../../shared/graph/project.ts';
import type { Runtime, VectorStoreService } from '../engine/index.ts';

/** Where the server reports what clients never see: internal errors, never a key or message content. */
interface ServeLog {
  info(message: string): void;
  error(message: string, cause?: unknown): void;
}

/** A vector store's chunking as a client asks for it (`chunking_strategy`). */
type ChunkingRequest = { type: 'auto' } | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };

/**
 * What the Assistants endpoints need of vector stores, built by the server over the vector store
 * service (vectorStoreAccess.ts). Without a service, `vector_store_ids` name local index stores as they
 * are, and requests that need a store made or filled (`tool_resources.file_search.vector_stores`,
 * message attachments for `file_search`) are refused with a 400 that says so.
 */
export interface VectorStoreAccess {
  /** Whether a vector store with this id exists. */
  has(id: string): boolean;
  /**
   * Makes a store holding these runtime files (Assistants' `vector_stores` helper); they are indexed in
   * the background. `expiresAfterDays`: the store expires that many days after it was last used.
   */
  create(input: { fileIds: string[]; chunking?: ChunkingRequest; metadata?: Record<string, string>; expiresAfterDays?: number }): { id: string };
  /** Adds runtime files to a store (a thread's store, for message attachments). */
  addFiles(storeId: string, fileIds: string[]): void;
  /** The local index store File Search reads for a vector store; null when the store is gone, throws when it has expired. */
  indexStoreOf(id: string): string | null;
  /** Resolves once these stores have no files waiting to be indexed, or when the wait's bound has passed. */
  settle(ids: readonly string[]): Promise<void>;
}

/** The project open in the Studio: its Assistant nodes are served as `asst_<node id>` beside the API's own assistants. */
export interface CanvasProject {
  /** Runs use it as it is: functions that must not run their handler here should already be "ask me". */
  project: Project;
  /** Whether its Function handlers may run and its Knowledge read outside its folder (the user trusts the project). */
  trusted: boolean;
  /** Nodes whose content the user has not reviewed yet (their Knowledge stays inside the project folder). */
  unreviewed: readonly string[];
  /** The project file's folder, where its Knowledge paths start; null while it is unsaved. */
  projectDir: string | null;
}

export interface AssistantsServerOptions {
  runtime: Runtime;
  /** The provider runs of API assistants go to (the runtime resolves its connection); canvas assistants run on their project's. */
  providerId: string;
  /** The model a requested name runs on: the alias table's entry, else a default, else the name itself. */
  resolveModel: (name: string) => string;
  /** The model names `GET /v1/models` lists (the provider's and the alias table's); default: none. */
  listModels?: () => Promise<string[]>;
  /** The key every request must carry as `Authorization: Bearer <key>`. */
  key: string;
  /** The address to bind; default 127.0.0.1. A loopback server also checks the Host header. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log?: ServeLog;
  /** Largest accepted file upload; default 512 MB (OpenAI's limit per file). Larger ones get a 413. */
  maxUploadBytes?: number;
  /** Largest accepted JSON body; default 32 MB. */
  maxBodyBytes?: number;
  /** The `openai-poll-after-ms` sent with runs, vector stores, their files and batches, which the SDKs' polling helpers follow; default 100. */
  pollAfterMs?: number;
  /**
   * Local vector stores (`createVectorStores` of the runtime entry, on the runtime's store and File
   * Search index): the `/vector_stores` endpoints, the `vector_stores` helper of `tool_resources`, message
   * attachments for `file_search`, and File Search over them in runs. Without one those answer a 400.
   */
  vectorStoreService?: VectorStoreService;
  /**
   * How long a run waits for files of its vector stores still being indexed before it starts with what
   * is indexed; default 60 000 ms (the wait OpenAI's runs gave a thread's store).
   */
  vectorStoreWaitMs?: number;
  /** The project whose assistants are served too (the app's open project); default none. */
  canvas?: () => Promise<CanvasProject | null>;
}

export interface AssistantsServer {
  /** The base URL for clients, ending in /v1 (what OPENAI_BASE_URL is set to). */
  url: string;
  port: number;
  /** Stops listening and ends open streams; the runtime stays open (its owner closes it). */
  close(): Promise<void>;
}

/** What every endpoint module gets: the options with their defaults applied. */
export interface ServeContext {
  runtime: Runtime;
  providerId: string;
  resolveModel: (name: string) => string;
  listModels: () => Promise<string[]>;
  log: ServeLog;
  maxUploadBytes: number;
  pollAfterMs: number;
  /** The service the `/vector_stores` endpoints serve, and the seam the other endpoints use over it. */
  vectorStoreService: VectorStoreService | null;
  vectorStores: VectorStoreAccess | null;
  canvas: () => Promise<CanvasProject | null>;
  /** Unix seconds when the server started (the `created` of the models it lists). */
  startedAt: number;
}
