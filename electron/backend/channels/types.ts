import type { z } from 'zod';
import type { AppEvent } from '../../../shared/ipc/events.ts';
import type { Channel, CHANNELS, ResponseOf, SetAside } from '../../../shared/ipc/contract.ts';
import type { FILES_CHANNELS } from '../../../shared/ipc/filesChannels.ts';
import type { RUNTIME_CHANNELS } from '../../../shared/ipc/runtimeChannels.ts';
import type { SERVE_CHANNELS } from '../../../shared/ipc/serveChannels.ts';
import type { FileIndex, Runtime } from '../../engine/index.ts';
import type { AssistantsServerControl } from '../workspace/assistantsServer.ts';
import type { Dialogs } from '../workspace/dialogs.ts';
import type { Drafts } from '../workspace/drafts.ts';
import type { Log } from '../workspace/log.ts';
import type { ProviderAccess } from '../workspace/providers.ts';
import type { Secrets } from '../workspace/secrets.ts';
import type { ServedProject } from '../workspace/servedProject.ts';
import type { SettingsStore } from '../workspace/settings.ts';
import type { EmbedderFor } from '../workspace/embeddings.ts';
import type { KnowledgeSyncs } from '../workspace/knowledgeSync.ts';
import type { Trust } from '../workspace/trust.ts';

type RequestFor<C extends Channel> = z.output<(typeof CHANNELS)[C]['request']>;

/** One implementation per channel; the mapped type makes a missing channel a compile error. */
export type Handlers = { [C in Channel]: (request: RequestFor<C>) => Promise<ResponseOf<C>> };

type RuntimeChannel = keyof typeof RUNTIME_CHANNELS;

/** The channels of the run engine (threads, runs, handler test, trust, models). */
export type RuntimeHandlers = Pick<Handlers, RuntimeChannel>;

type FilesChannel = keyof typeof FILES_CHANNELS;

/** The channels of files, citations, Knowledge indexing, Python, export and import. */
export type FilesHandlers = Pick<Handlers, FilesChannel>;

type ServeChannel = keyof typeof SERVE_CHANNELS;

/** The channels of the app's Assistants API server and the assistants made through it. */
export type ServeHandlers = Pick<Handlers, ServeChannel>;

/** The channels of the workspace (projects, drafts, settings, keys, dialogs). */
export type WorkspaceHandlers = Omit<Handlers, RuntimeChannel | FilesChannel | ServeChannel>;

/** The services the channels are served from. */
export interface HandlerContext {
  dataDir: string;
  host: 'electron' | 'web';
  version: string;
  homeDir: string;
  /** What the host left out at start because it could not read it. */
  setAside: readonly SetAside[];
  settings: SettingsStore;
  secrets: Secrets;
  drafts: Drafts;
  trust: Trust;
  providers: ProviderAccess;
  /** The run engine, started on first use. */
  runtime(): Runtime;
  /** The runtime's local File Search index (starts the run engine). */
  fileIndex(): FileIndex;
  knowledge: KnowledgeSyncs;
  /** The embedder of a configured provider (null without an embedding model); an AppFailure when it cannot be reached. */
  embedderFor: EmbedderFor;
  /** Stops the interpreter's Python processes, so the next execution starts with the current settings. */
  restartPython(): void;
  /** The Assistants API server inside the app. */
  assistantsServer: AssistantsServerControl;
  /** The project the window last reported as open, whose assistants the server offers. */
  servedProject: ServedProject;
  dialogs: Dialogs | null;
  log: Log;
  emit(event: AppEvent): void;
}
