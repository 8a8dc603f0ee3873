import type { Project } from '../../../shared/graph/project.ts';
import type { FunctionData } from '../../../shared/kinds/index.ts';
import type { RunEvent } from '../../../shared/runtime/events.ts';
import type { AssistantObject, FileObject, Message, Run, Thread, ToolResources } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';
import type { AssistantConfig } from '../compile/types.ts';
import type { SessionManager } from '../codeInterpreter/manager.ts';
import type { FileIndex } from '../fileSearch/fileIndex.ts';
import type { Embedder } from '../fileSearch/types.ts';
import type OpenAI from 'openai';
import type { HandlerRunner } from '../handlers/runner.ts';
import type { SyncProgress } from '../hosted/index.ts';
import type { TestHandlerResult } from '../handlers/testHandler.ts';
import type { ModelProvider, ProviderConnection } from '../providers/types.ts';
import type { Store } from '../store/store.ts';
import type { PriceTable } from './cost.ts';
import type { CitedPassage } from './tools/fileSearch.ts';
import type { FileContent } from './tools/runtimeFiles.ts';

export type { CitedPassage, FileContent };

/** An output the user typed for a call that waited in `requires_action`. */
export interface ToolOutputSubmission {
  tool_call_id: string;
  output: string;
}

/** Where the runtime reports its own failures (never a key, never message content). */
export interface RuntimeLog {
  error(message: string, cause?: unknown): void;
}

/** What the host provides; every side effect of the runtime comes in through here. */
export interface RuntimeDeps {
  store: Store;
  /** The connection (with its key) for a configured provider id; throws AppFailure when there is none. */
  resolveProvider(providerId: string): Promise<ProviderConnection>;
  /** Builds a provider for a connection; default: the official SDK (`createProvider`). */
  createProvider?: (connection: ProviderConnection) => ModelProvider;
  /** Runs Function handlers; default: one Node process per call (`createProcessRunner`). */
  runner?: HandlerRunner;
  /** The current price table (USD per 1M tokens); read at the end of each run. Default: DEFAULT_PRICES. */
  prices?: () => PriceTable;
  /** Most model turns that end in tool calls within one run; default 20. */
  maxToolRounds?: number;
  /** Wall-clock limit of a run before it expires; default 10 minutes (as Assistants). */
  runTimeLimitMs?: number;
  /**
   * How long a model's open stream may send nothing before that answer is given up (and retried like
   * a broken stream); default 30 s. Without it a stalled provider holds the run until the run time limit.
   * A function is asked at the start of each run (the app reads its setting there).
   */
  streamIdleTimeoutMs?: number | (() => number);
  /** Unix seconds; default the system clock. */
  now?: () => number;
  log?: RuntimeLog;
  /** The local File Search index; default: opened on the store's database (`store.database`) at first use. */
  fileIndex?: FileIndex;
  /**
   * The embedder for a provider id, when it has an embeddings endpoint; File Search is then hybrid
   * (keyword + vectors), otherwise keyword-only. Default: none (keyword-only).
   */
  embedderFor?: (providerId: string) => Embedder | null | Promise<Embedder | null>;
  /** Code Interpreter sessions (one per thread); the host owns and closes them. Wins over `codeInterpreterDir`. */
  codeInterpreter?: SessionManager;
  /**
   * Where the runtime makes its own sessions' working directories (e.g. `<userData>/code-interpreter`),
   * with Python found automatically and the sandbox required. Without this or `codeInterpreter`, the
   * Code Interpreter answers that it is not set up.
   */
  codeInterpreterDir?: string;
  /** Where images and output files of the interpreter are kept (e.g. `<userData>/files`); default a temp folder. */
  filesDir?: string;
  /** The SDK client for OpenAI-hosted vector stores and containers; default the official one (`createClient`). */
  hostedClient?: (connection: ProviderConnection) => OpenAI;
  /** Progress of a run's vector store sync (files indexed out of the node's files), e.g. for a status line. */
  onHostedProgress?: (progress: SyncProgress & { runId: string }) => void;
}

/** Starts a run: the user's message (if any) is added to the thread, then the assistant answers. */
export type RunCreateRequest = RunRequestBase & (ProjectAssistant | CompiledAssistant);

/** An assistant of a project (the canvas): compiled by the runtime; its threads are its own. */
export interface ProjectAssistant {
  /** An immutable value: its compiled form is kept per object (and per content), so edit a copy, never the object. */
  project: Project;
  assistantNodeId: string;
  /** A configured provider id; default the project's provider. */
  providerId?: string;
}

/**
 * An assistant already compiled by the caller (one made through the Assistants API, with the run's
 * overrides applied). As in the Assistants API, it may run in any thread.
 */
export interface CompiledAssistant {
  assistant: AssistantConfig;
  providerId: string;
}

interface RunRequestBase {
  threadId: string;
  /** The user's new message; null runs the assistant on the thread as it is. */
  message: string | null;
  /**
   * Whether the user trusts the project: an untrusted project runs no handler and reads Knowledge only
   * inside its folder.
   */
  trusted: boolean;
  /** Nodes whose content (handler code, Knowledge paths) arrived by import or paste and is not reviewed yet: treated as untrusted. */
  unreviewed?: readonly string[];
  /** The model for this run only, as Assistants' run `model` overrides the assistant's. */
  model?: string;
  /** Environment variables the user allowed handlers of this project to see. */
  env?: Record<string, string>;
  /** The project file's folder: Knowledge paths are relative to it. Null or absent for an unsaved project. */
  projectDir?: string | null;
  /** Files attached to the new message for the code interpreter (they need a message). */
  attachments?: readonly MessageAttachment[];
  /** The run's own metadata (Assistants' run `metadata`). */
  metadata?: Record<string, string>;
}

/** A message added to a thread outside a run (Assistants' `messages.create`, `additional_messages`). */
export interface MessageInput {
  role: 'user' | 'assistant';
  content: Message['content'];
  attachments?: Message['attachments'];
  metadata?: Record<string, string>;
}

/** A thread as a caller makes it; without an Assistant node it is bound to the assistant of its first run. */
export interface ThreadInput {
  assistantNodeId?: string;
  title?: string;
  metadata?: Record<string, string>;
  toolResources?: ToolResources | null;
}

/** What uploads a file (Assistants' `files.create`). */
export interface FileUpload {
  filename: string;
  bytes: Uint8Array;
  purpose: string;
}

/** A file the user attached to a message: stored as a runtime file and placed in the thread's working directory. */
export interface MessageAttachment {
  filename: string;
  bytes: Uint8Array;
}

/** The run engine's API, bound by the app's IPC layer and the web host. */
export interface Runtime {
  threads: {
    create(input: ThreadInput): Thread;
    /** Changes what is given of the thread's title, metadata and tool resources. */
    update(threadId: string, patch: { title?: string; metadata?: Record<string, string>; toolResources?: ToolResources | null }): Thread;
    /** Threads of one Assistant node, newest first. */
    list(assistantNodeId: string): Thread[];
    get(threadId: string): Thread;
    rename(threadId: string, title: string): Thread;
    /** Deletes the thread with everything in it; refused while a run of the thread is active or being created. */
    delete(threadId: string): void;
  };
  messages: {
    /** Messages of a thread, oldest first. */
    list(threadId: string): Message[];
    get(threadId: string, messageId: string): Message;
    /** Adds a message to the thread; refused while a run of the thread is active (as Assistants did). */
    create(threadId: string, input: MessageInput): Message;
    update(threadId: string, messageId: string, patch: { metadata: Record<string, string> }): Message;
    delete(threadId: string, messageId: string): void;
  };
  /** Assistants made through the Assistants API (the canvas's live in projects), oldest first. */
  assistants: {
    create(input: Omit<AssistantObject, 'id' | 'object' | 'created_at'>): AssistantObject;
    get(assistantId: string): AssistantObject;
    list(): AssistantObject[];
    update(assistantId: string, patch: Partial<Omit<AssistantObject, 'id' | 'object' | 'created_at'>>): AssistantObject;
    delete(assistantId: string): void;
  };
  runs: {
    /** Starts a run and returns it (status `queued`); its progress arrives as events. */
    create(request: RunCreateRequest): Promise<Run>;
    get(runId: string): Run;
    /** Changes the run's metadata (the only field Assistants let clients change). */
    update(runId: string, patch: { metadata: Record<string, string> }): Run;
    /** One step of a run. */
    step(runId: string, stepId: string): RunStep;
    /** Runs of a thread, oldest first. */
    list(threadId: string): Run[];
    /** Steps of a run, in order. */
    steps(runId: string): RunStep[];
    /** Stops a run at any point (streaming, running a handler, waiting for outputs); returns it `cancelling`. */
    cancel(runId: string): Run;
    /** Answers the calls a run waits for in `requires_action`; every listed call needs an output. */
    submitToolOutputs(runId: string, outputs: ToolOutputSubmission[]): Run;
    /** Resolves with the run once it is terminal (or waiting in `requires_action`, when `untilAction`). */
    wait(runId: string, options?: { untilAction?: boolean }): Promise<Run>;
  };
  /** Files the runtime produced (the interpreter's images and output files). */
  files: {
    create(upload: FileUpload): Promise<FileObject>;
    get(fileId: string): FileObject;
    /** Every file, oldest first; `purpose` narrows them. */
    list(options?: { purpose?: string }): FileObject[];
    content(fileId: string): Promise<FileContent>;
    /** Deletes the file and its bytes; messages that named it keep the id. */
    delete(fileId: string): Promise<void>;
  };
  fileSearch: {
    /** The passage a `file_citation` annotation's `chunk_id` points at, or null when it was re-indexed away. */
    chunk(chunkId: string): CitedPassage | null;
    /** Deletes the OpenAI vector store and uploaded files this app made for a File Search node (e.g. when the node is removed). */
    deleteRemote(nodeId: string, providerId: string): Promise<void>;
  };
  /** Runs a Function node's handler once with the given (or generated sample) arguments. */
  testHandler(fn: FunctionData, args: unknown, options: { trusted: boolean; unreviewed?: boolean; env?: Record<string, string> }): Promise<TestHandlerResult>;
  onEvent(listener: (event: RunEvent) => void): () => void;
  /** Cancels active runs and waits for them to end. The store stays open (the host owns it). */
  close(): Promise<void>;
}
