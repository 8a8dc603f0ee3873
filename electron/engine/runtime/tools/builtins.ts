import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionManager } from '../../codeInterpreter/manager.ts';
import type { CodeInterpreterToolConfig, FileSearchToolConfig } from '../../compile/types.ts';
import { openFileIndex, type FileIndex } from '../../fileSearch/fileIndex.ts';
import type { Embedder } from '../../fileSearch/types.ts';
import { errorOutput } from '../../handlers/runner.ts';
import type { Store } from '../../store/store.ts';
import type { CallOutcome } from '../tools.ts';
import { RunReferences } from './citations.ts';
import { LocalInterpreter } from './codeInterpreter.ts';
import { LocalFileSearch } from './fileSearch.ts';
import { RuntimeFiles } from './runtimeFiles.ts';

/** How the built-in tools answer the calls of one run. */
export interface RunBuiltins {
  /** What the run's messages may cite or link; the recorder annotates messages with it. */
  references: RunReferences;
  fileSearch(tool: FileSearchToolConfig, args: unknown): Promise<CallOutcome>;
  codeInterpreter(tool: CodeInterpreterToolConfig, callId: string, code: string): Promise<CallOutcome>;
}

export interface BuiltinDeps {
  store: Store;
  now: () => number;
  fileIndex?: FileIndex;
  embedderFor?: (providerId: string) => Embedder | null | Promise<Embedder | null>;
  codeInterpreter?: SessionManager;
  codeInterpreterDir?: string;
  filesDir?: string;
}

// The same output shape as a failed Function call, so the model reads every tool failure alike.
const failed = (code: string, message: string): CallOutcome => ({ output: errorOutput(code, message), logs: [], durationMs: 0, error: { code, message } });

const HOSTED = {
  file_search: 'File search in an OpenAI vector store is not available in this version of Assistant Studio yet, so nothing was searched. Answer without it, and tell the user if that matters.',
  code_interpreter: 'The code interpreter in an OpenAI container is not available in this version of Assistant Studio yet, so the code did not run. Answer without it, and tell the user if that matters.',
};
const NO_INTERPRETER = 'The code interpreter is not set up in this app, so the code did not run. Answer without it, and tell the user if that matters.';

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

  return {
    files,
    chunk: (chunkId: string) => fileSearch.chunk(chunkId),

    forRun(run: { threadId: string; providerId: string; projectDir: string | null; signal: AbortSignal }): RunBuiltins {
      const references = new RunReferences();
      let embedder: Promise<Embedder | null> | null = null;
      const searchRun = {
        projectDir: run.projectDir, signal: run.signal, references,
        embedder: () => (embedder ??= Promise.resolve(deps.embedderFor?.(run.providerId) ?? null)),
      };
      // Each node's Knowledge is synced once per run, at its first search.
      const synced = new Map<string, Promise<{ node_id: string; path: string; message: string }[]>>();
      return {
        references,
        async fileSearch(tool, args) {
          if (tool.index !== 'local') return failed('tool_unavailable', HOSTED.file_search);
          const query = (args as { query?: unknown } | null)?.query;
          if (typeof query !== 'string' || query.trim() === '') return failed('invalid_arguments', 'file_search needs a non-empty "query" string.');
          let sync = synced.get(tool.nodeId);
          if (!sync) {
            sync = fileSearch.sync(tool, searchRun);
            // The call reports a failed sync; this keeps it from surfacing as unhandled meanwhile.
            sync.catch(() => undefined);
            synced.set(tool.nodeId, sync);
          }
          return fileSearch.call(tool, query, searchRun, sync);
        },
        async codeInterpreter(tool, callId, code) {
          if (tool.sandbox !== 'local') return failed('tool_unavailable', HOSTED.code_interpreter);
          if (!interpreter) return failed('tool_unavailable', NO_INTERPRETER);
          return interpreter.call(tool, code, { threadId: run.threadId, callId, projectDir: run.projectDir, signal: run.signal, references });
        },
      };
    },

    /** A deleted thread's interpreter session and working directory go with it. */
    removeThread: (threadId: string): Promise<void> => interpreter?.removeThread(threadId) ?? Promise.resolve(),

    /** Stops the Python processes of sessions the runtime made itself (an injected manager is its owner's). */
    close: (): void => ownSessions?.closeAll(),
  };
}

export type Builtins = ReturnType<typeof createBuiltins>;
