import { OpenAIError } from 'openai';
import type { AssistantConfig, CodeInterpreterToolConfig, FileSearchToolConfig } from '../../compile/types.ts';
import type { HostedProblem, HostedServices, SyncProgress } from '../../hosted/index.ts';
import { toProviderFailure } from '../../providers/errors.ts';
import { ProviderFailure, type HostedToolsRequest } from '../../providers/types.ts';
import type { RunRecorder } from '../recorder.ts';
import type { RunReferences } from './citations.ts';
import { HostedTurn } from './hostedTurn.ts';
import type { KnowledgeReach } from '../../trust.ts';
import type { RuntimeFiles } from './runtimeFiles.ts';

/** The File Search nodes OpenAI searches itself (Responses only). */
const hostedSearches = (config: AssistantConfig): FileSearchToolConfig[] =>
  config.tools.filter((t): t is FileSearchToolConfig => t.type === 'file_search' && t.index === 'openai');

/** The Code Interpreter node OpenAI runs in a container, if any (an assistant has one interpreter). */
const hostedInterpreter = (config: AssistantConfig): CodeInterpreterToolConfig | undefined =>
  config.tools.find((t): t is CodeInterpreterToolConfig => t.type === 'code_interpreter' && t.sandbox === 'openai');

export interface HostedRunOptions {
  services: HostedServices;
  files: RuntimeFiles;
  references: RunReferences;
  threadId: string;
  projectDir: string | null;
  /** Where each Knowledge node's files may be read from (see trust.ts). */
  reach: KnowledgeReach;
  signal: AbortSignal;
  /** The provider's address, for error messages. */
  where: string;
  onProgress?: (progress: SyncProgress) => void;
}

/**
 * The hosted tools of one Responses run: before the first turn the File Search nodes' vector stores are
 * synced and the thread's container chosen; each turn then records the calls OpenAI ran.
 */
export class HostedRun {
  readonly #options: HostedRunOptions;
  #prepared: Promise<void> | null = null;
  #search: { tool: FileSearchToolConfig; problems: HostedProblem[] } | null = null;
  #interpreter: { tool: CodeInterpreterToolConfig; problems: HostedProblem[]; fileIds: string[] } | null = null;
  #request: HostedToolsRequest = { fileSearch: null, codeInterpreter: null };

  constructor(options: HostedRunOptions) {
    this.#options = options;
  }

  /** The hosted tools to offer in the next turn (prepared at the first call). */
  async request(config: AssistantConfig): Promise<HostedToolsRequest> {
    this.#prepared ??= this.#prepare(config);
    await this.#prepared;
    return this.#request;
  }

  turn(recorder: RunRecorder): HostedTurn {
    const o = this.#options;
    return new HostedTurn({
      recorder,
      references: o.references,
      files: o.files,
      containers: o.services.containers,
      signal: o.signal,
      fileSearch: this.#search,
      codeInterpreter: this.#interpreter,
      onContainer: (containerId) => {
        if (!this.#interpreter) return;
        o.services.containers.remember(o.threadId, containerId, this.#interpreter.fileIds);
        // Later turns of this run go on in the same container instead of starting another.
        this.#request = { ...this.#request, codeInterpreter: { container: containerId } };
      },
    });
  }

  async #prepare(config: AssistantConfig): Promise<void> {
    const o = this.#options;
    const searches = hostedSearches(config);
    const interpreter = hostedInterpreter(config);
    if (searches.length > 0) {
      const problems: HostedProblem[] = [];
      const storeIds: string[] = [];
      for (const tool of searches) {
        const synced = await this.#guard('sync the OpenAI vector store for File Search', () =>
          o.services.vectorStores.sync(tool, {
            baseDir: o.projectDir,
            reach: o.reach,
            signal: o.signal,
            ...(o.onProgress ? { onProgress: o.onProgress } : {}),
          }),
        );
        if (synced.vectorStoreId) storeIds.push(synced.vectorStoreId);
        storeIds.push(...tool.vectorStoreIds);
        problems.push(...synced.problems);
      }
      // One file_search tool searches every store; the first node's settings apply to all of them.
      const first = searches[0]!;
      this.#search = { tool: first, problems };
      // Without any store (no Knowledge files, no store ids) there is nothing to search, and the API refuses an empty list.
      if (storeIds.length > 0) {
        this.#request.fileSearch = {
          vectorStoreIds: [...new Set(storeIds)],
          maxResults: first.maxResults,
          ranker: first.ranker,
          scoreThreshold: first.scoreThreshold,
        };
      }
    }
    if (interpreter) {
      const choice = await this.#guard('prepare the OpenAI container for Code Interpreter', () =>
        o.services.containers.choose(o.threadId, interpreter, { baseDir: o.projectDir, reach: o.reach, signal: o.signal }),
      );
      this.#interpreter = { tool: interpreter, problems: choice.problems, fileIds: choice.fileIds };
      this.#request.codeInterpreter = { container: choice.container };
    }
  }

  /** A failure to set up a hosted tool fails the run like a provider failure, saying what was being done. */
  async #guard<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.#options.signal.aborted) throw this.#options.signal.reason;
      if (!(error instanceof OpenAIError))
        throw new ProviderFailure('server_error', `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
      const failure = toProviderFailure(error, this.#options.where);
      throw new ProviderFailure(failure.code, `Could not ${what}: ${failure.message}`, failure.status);
    }
  }
}
