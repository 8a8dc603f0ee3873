import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionManager } from '../../codeInterpreter/manager.ts';
import type { AssistantConfig } from '../../compile/types.ts';
import { openFileIndex } from '../../fileSearch/fileIndex.ts';
import type { Embedder } from '../../fileSearch/types.ts';
import { errorOutput } from '../../handlers/runner.ts';
import { createHosted, HostedRecords, type HostedServices, type SyncProgress } from '../../hosted/index.ts';
import { createClient } from '../../providers/index.ts';
import type { ProviderConnection } from '../../providers/types.ts';
import { boundedCache } from '../memo.ts';
import type { FileObject, Message } from '../../../../shared/runtime/objects.ts';
import type { CallOutcome, LocalTools } from '../../tools/types.ts';
import { RunReferences } from './citations.ts';
import { LocalInterpreter } from './codeInterpreter.ts';
import { LocalFileSearch, type CitedPassage } from './fileSearch.ts';
import { isHostedOn } from '../../tools/index.ts';
import { HostedRun } from './hostedTools.ts';
import { hostedPassage } from './hostedTurn.ts';
import { knowledgeReach, type ContentTrust } from '../../trust.ts';
import { RuntimeFiles } from './runtimeFiles.ts';
import type { RuntimeDeps } from '../types.ts';

/** How the built-in tools answer the calls of one run. */
export interface RunBuiltins extends LocalTools {
  /** What the run's messages may cite or link; the recorder annotates messages with it. */
  references: RunReferences;
  /** OpenAI-hosted tools of a Responses run, or null when the assistant has none or the provider cannot host them. */
  hosted: HostedRun | null;
}

/** The runtime's own deps that the built-in tools use (documented on `RuntimeDeps`). */
export type BuiltinDeps = Pick<
  RuntimeDeps,
  'store' | 'fileIndex' | 'embedderFor' | 'codeInterpreter' | 'codeInterpreterDir' | 'filesDir' | 'hostedClient' | 'onHostedProgress'
> & {
  now: () => number;
};

/** Who a run is and how it reaches its provider. */
export interface BuiltinRun {
  runId: string;
  threadId: string;
  providerId: string;
  projectDir: string | null;
  /** What of the project the user trusts: where its Knowledge may be read from. */
  trust: ContentTrust;
  signal: AbortSignal;
  connection: ProviderConnection;
}

type Attachment = Message['attachments'][number];

// The same output shape as a failed Function call, so the model reads every tool failure alike.
const failed = (code: string, message: string): CallOutcome<never> => ({
  output: errorOutput(code, message),
  logs: [],
  durationMs: 0,
  error: { code, message },
});

// Chat Completions has no hosted tools (the API answers 400), so those nodes run locally over such providers.
const HOSTED_FALLBACK = {
  file_search:
    'OpenAI vector stores can only be searched through the Responses API; this provider uses Chat Completions, so the local index of the same Knowledge was searched instead.',
  code_interpreter:
    'OpenAI containers can only be used through the Responses API; this provider uses Chat Completions, so the code ran in the local sandbox instead.',
};
const NO_INTERPRETER = 'The code interpreter is not set up in this app, so the code did not run. Answer without it, and tell the user if that matters.';
const HOSTED_NO_INTERPRETER =
  'OpenAI containers can only be used through the Responses API, which this provider does not offer, and the local code interpreter is not set up in this app, so the code did not run. Answer without it, and tell the user if that matters.';

/**
 * File Search and Code Interpreter as the runtime runs them locally. The file index opens on the
 * store's database at first use; sessions come from the host or are made under `codeInterpreterDir`.
 */
export function createBuiltins(deps: BuiltinDeps) {
  let index = deps.fileIndex ?? null;
  const fileSearch = new LocalFileSearch(() => (index ??= openFileIndex(deps.store.database)));
  const ownSessions = deps.codeInterpreter ? null : deps.codeInterpreterDir ? new SessionManager({ rootDir: deps.codeInterpreterDir }) : null;
  const sessions = deps.codeInterpreter ?? ownSessions;
  // The host should pass a folder in its data directory; the fallback keeps outputs usable until the OS cleans it.
  const files = new RuntimeFiles(deps.store, deps.filesDir ?? join(tmpdir(), 'assistant-studio-files'), deps.now);
  const interpreter = sessions ? new LocalInterpreter(sessions, files) : null;
  let records: HostedRecords | null = null;
  // One set of hosted services per connection (the key is part of the cache key only, in memory).
  const hostedCache = boundedCache<HostedServices>(16);
  const hostedFor = (connection: ProviderConnection): HostedServices =>
    hostedCache(JSON.stringify(connection), () =>
      createHosted((deps.hostedClient ?? createClient)(connection), connection.baseUrl, (records ??= new HostedRecords(deps.store.database))),
    );

  return {
    files,
    chunk: (chunkId: string): CitedPassage | null =>
      chunkId.startsWith('hosted:') ? hostedPassage(deps.store, (records ??= new HostedRecords(deps.store.database)), chunkId) : fileSearch.chunk(chunkId),

    /** Deletes a File Search node's OpenAI vector store and uploaded files. */
    deleteRemote: (nodeId: string, connection: ProviderConnection): Promise<void> => hostedFor(connection).vectorStores.deleteRemote(nodeId),

    forRun(run: BuiltinRun, config: AssistantConfig): RunBuiltins {
      const references = new RunReferences();
      const reach = knowledgeReach(run.trust, run.projectDir);
      const hosted =
        run.connection.api === 'responses' && config.tools.some((tool) => isHostedOn(tool, 'responses'))
          ? new HostedRun({
              services: hostedFor(run.connection),
              files,
              references,
              threadId: run.threadId,
              projectDir: run.projectDir,
              reach,
              signal: run.signal,
              where: run.connection.baseUrl || 'api.openai.com',
              ...(deps.onHostedProgress ? { onProgress: (p: SyncProgress) => deps.onHostedProgress?.({ ...p, runId: run.runId }) } : {}),
            })
          : null;
      let embedder: Promise<Embedder | null> | null = null;
      const searchRun = {
        projectDir: run.projectDir,
        reach,
        signal: run.signal,
        references,
        embedder: () => (embedder ??= Promise.resolve(deps.embedderFor?.(run.providerId) ?? null)),
      };
      // Each node's Knowledge is synced once per run, at its first search.
      const synced = new Map<string, Promise<{ node_id: string; path: string; message: string }[]>>();
      return {
        references,
        hosted,
        async fileSearch(tool, args) {
          const query = (args as { query?: unknown } | null)?.query;
          if (typeof query !== 'string' || query.trim() === '') return failed('invalid_arguments', 'file_search needs a non-empty "query" string.');
          let sync = synced.get(tool.nodeId);
          if (!sync) {
            sync = fileSearch.sync(tool, searchRun);
            // The call reports a failed sync; this keeps it from surfacing as unhandled meanwhile.
            sync.catch(() => undefined);
            synced.set(tool.nodeId, sync);
          }
          if (tool.index === 'local') return fileSearch.call(tool, query, searchRun, sync);
          const fallback = { node_id: tool.nodeId, path: '', message: HOSTED_FALLBACK.file_search };
          return fileSearch.call(
            tool,
            query,
            searchRun,
            sync.then((problems) => [fallback, ...problems]),
          );
        },
        async codeInterpreter(tool, callId, code) {
          const hostedNode = tool.sandbox !== 'local';
          if (!interpreter) return failed('tool_unavailable', hostedNode ? HOSTED_NO_INTERPRETER : NO_INTERPRETER);
          const outcome = await interpreter.call(tool, code, {
            threadId: run.threadId,
            callId,
            projectDir: run.projectDir,
            reach,
            signal: run.signal,
            references,
          });
          if (!hostedNode || !outcome.detail) return outcome;
          const fallback = { node_id: tool.nodeId, path: '', message: HOSTED_FALLBACK.code_interpreter };
          return { ...outcome, detail: { ...outcome.detail, problems: [fallback, ...(outcome.detail.problems ?? [])] } };
        },
      };
    },

    /**
     * Stores a message's attachments as runtime files and places them in the thread's working directory,
     * as Assistants made `attachments` with the code interpreter tool available to it.
     */
    async attach(threadId: string, uploads: readonly { filename: string; bytes: Uint8Array }[]): Promise<Attachment[]> {
      const stored: FileObject[] = [];
      for (const upload of uploads) stored.push(await files.save(upload.filename, { bytes: upload.bytes }, 'assistants'));
      if (interpreter && stored.length > 0)
        await interpreter.addFiles(
          threadId,
          stored.map((f, i) => ({ name: f.filename, data: uploads[i]!.bytes })),
        );
      return stored.map((f) => ({ file_id: f.id, tools: [{ type: 'code_interpreter' as const }] }));
    },

    /** A deleted thread's interpreter session and working directory go with it. */
    removeThread: (threadId: string): Promise<void> => interpreter?.removeThread(threadId) ?? Promise.resolve(),

    /** Stops the Python processes of sessions the runtime made itself (an injected manager is its owner's). */
    close: (): void => ownSessions?.closeAll(),
  };
}
