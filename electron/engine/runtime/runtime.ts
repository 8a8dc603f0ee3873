import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import { isTerminalRunStatus, newAssistantId, type AssistantObject, type Message, type Run, type Thread } from '../../../shared/runtime/objects.ts';
import { compile, type AssistantConfig, type CompileResult } from '../compile/index.ts';
import { createProcessRunner } from '../handlers/runner.ts';
import { testHandler } from '../handlers/testHandler.ts';
import { createProvider, DEFAULT_MAX_RETRIES } from '../providers/index.ts';
import type { ModelProvider, ProviderConnection } from '../providers/types.ts';
import { ActiveRun } from './activeRun.ts';
import { DEFAULT_PRICES } from './cost.ts';
import { EventHub } from './emitter.ts';
import { buildHistory } from './history.ts';
import { executeRun } from './loop.ts';
import { boundedCache } from './memo.ts';
import { newMessage, newRun, newThread, newUserMessage } from './newObjects.ts';
import { RunRecorder } from './recorder.ts';
import { RunState } from './runState.ts';
import { createBuiltins } from './tools/builtins.ts';
import type { RunCreateRequest, Runtime, RuntimeDeps } from './types.ts';
import { contentTrust } from '../trust.ts';

const notFound = (what: string, id: string): AppFailure => new AppFailure('E_NOT_FOUND', `There is no ${what} "${id}".`);
const busy = (): AppFailure => new AppFailure('E_INVALID_REQUEST', 'A run is already going in this thread; wait for it or stop it first.');

/** What tells SDK clients apart; the key is part of it, in memory only. */
function connectionKey({ api, baseUrl, apiKey, maxRetries, timeoutMs, ...rest }: ProviderConnection): string {
  // A field added to connections must join the key (this stops compiling until it does).
  const unkeyed: Record<string, never> = rest;
  void unkeyed;
  return `${api}\n${baseUrl}\n${apiKey}\n${maxRetries ?? ''}\n${timeoutMs ?? ''}`;
}

/** The run engine: threads, messages and runs over an injected store, providers and handler runner. */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const { store } = deps;
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  const runner = deps.runner ?? createProcessRunner();
  const makeProvider = deps.createProvider ?? createProvider;
  const prices = deps.prices ?? (() => DEFAULT_PRICES);
  const maxToolRounds = deps.maxToolRounds ?? 20;
  const runTimeLimitMs = deps.runTimeLimitMs ?? 10 * 60 * 1000;
  const idleTimeout = deps.streamIdleTimeoutMs ?? 30 * 1000;
  const streamIdleTimeoutMs = (): number => (typeof idleTimeout === 'function' ? idleTimeout() : idleTimeout);
  const logError = (message: string, cause?: unknown): void => deps.log?.error(message, cause);
  const builtins = createBuiltins({
    store,
    now,
    fileIndex: deps.fileIndex,
    embedderFor: deps.embedderFor,
    codeInterpreter: deps.codeInterpreter,
    codeInterpreterDir: deps.codeInterpreterDir,
    filesDir: deps.filesDir,
    hostedClient: deps.hostedClient,
    onHostedProgress: deps.onHostedProgress,
  });
  const hub = new EventHub((error) => logError('a run event listener failed', error));
  const active = new Map<string, ActiveRun>();
  /** Thread id → its active run (a thread runs one at a time). */
  const activeByThread = new Map<string, ActiveRun>();
  /** Threads whose run is being set up: a create claims its thread before its first await. */
  const claimed = new Set<string>();
  // One SDK client per connection; the key is part of the cache key only, in memory.
  const providers = boundedCache<ModelProvider>(16);
  // Validating a project costs about as much as a model turn against a fast local server, and a chat
  // sends the same project message after message, so results are kept per project content. Projects
  // are immutable values, so a caller that passes the same object again skips even the content key.
  const compiledByContent = boundedCache<CompileResult>(8);
  const compiledByObject = new WeakMap<Project, Map<string, CompileResult>>();
  const compiled = (project: Project, assistantNodeId: string): CompileResult => {
    let forProject = compiledByObject.get(project);
    if (!forProject) {
      forProject = new Map();
      compiledByObject.set(project, forProject);
    }
    let result = forProject.get(assistantNodeId);
    if (!result) {
      result = compiledByContent(`${assistantNodeId}\n${JSON.stringify(project)}`, () => compile(project, assistantNodeId));
      forProject.set(assistantNodeId, result);
    }
    return result;
  };

  const thread = (id: string): Thread =>
    store.threads.get(id) ??
    (() => {
      throw notFound('thread', id);
    })();
  const run = (id: string): Run =>
    active.get(id)?.state.run ??
    store.runs.get(id) ??
    (() => {
      throw notFound('run', id);
    })();
  const busyIn = (threadId: string): boolean => claimed.has(threadId) || activeByThread.has(threadId);
  const refuseWhileBusy = (threadId: string, what: string): void => {
    const activeRun = activeByThread.get(threadId);
    if (busyIn(threadId))
      throw new AppFailure('E_INVALID_REQUEST', `Can't ${what} ${threadId} while a run${activeRun ? ` ${activeRun.state.run.id}` : ''} is active.`);
  };
  const message = (threadId: string, id: string): Message => {
    thread(threadId);
    const found = store.messages.get(id);
    if (!found || found.thread_id !== threadId) throw notFound('message', id);
    return found;
  };
  const assistant = (id: string): AssistantObject =>
    store.assistants.get(id) ??
    (() => {
      throw notFound('assistant', id);
    })();

  async function create(request: RunCreateRequest): Promise<Run> {
    let target = thread(request.threadId);
    const nodeId = 'project' in request ? request.assistantNodeId : request.assistant.nodeId;
    // A canvas assistant's threads are its own; an Assistants API thread takes any assistant, as the API did.
    if ('project' in request && target.assistant_node_id !== '' && target.assistant_node_id !== nodeId) {
      throw new AppFailure('E_INVALID_REQUEST', 'This thread belongs to another assistant; start a new thread for this one.');
    }
    // Checked and claimed in one synchronous step: a create that checked and then awaited (the provider,
    // the attachments) would let a second one pass the same check. The run holds the thread once it exists.
    if (busyIn(target.id)) throw busy();
    claimed.add(target.id);
    try {
      // A thread made without an assistant shows in the list of the first one that runs in it.
      if (target.assistant_node_id === '') {
        target = { ...target, assistant_node_id: nodeId };
        store.threads.put(target);
      }
      return await start(target, request);
    } finally {
      claimed.delete(target.id);
    }
  }

  /** The configuration the run executes and its provider: a project's assistant compiled, or the caller's. */
  function assistantOf(request: RunCreateRequest): { base: AssistantConfig; providerId: string } {
    if (!('project' in request)) return { base: request.assistant, providerId: request.providerId };
    const result = compiled(request.project, request.assistantNodeId);
    if (!result.ok)
      throw new AppFailure(
        'E_INVALID_REQUEST',
        result.reason,
        result.problems.map((p) => p.message),
      );
    return { base: result.assistant, providerId: request.providerId ?? request.project.settings.provider };
  }

  async function start(target: Thread, request: RunCreateRequest): Promise<Run> {
    const { base, providerId } = assistantOf(request);
    const config = request.model ? { ...base, model: request.model } : base;
    if (!config.model) throw new AppFailure('E_INVALID_REQUEST', 'Choose a model for the assistant or a default model for the project.');
    const connection = await deps.resolveProvider(providerId);
    const provider = providers(connectionKey(connection), () => makeProvider(connection));

    const uploads = request.attachments ?? [];
    if (uploads.length > 0 && request.message === null) throw new AppFailure('E_INVALID_REQUEST', 'Attachments need a message to go with.');
    const attachments = uploads.length > 0 ? await builtins.attach(target.id, uploads) : [];
    const message = request.message === null ? null : newUserMessage(target.id, request.message, now(), attachments);
    if (message) store.messages.put(message);
    const history = buildHistory(store.messages.listByThread(target.id), config, (fileId) => store.files.get(fileId)?.filename ?? null);
    const queued = newRun({ threadId: target.id, config, providerId, now: now(), limitSeconds: Math.ceil(runTimeLimitMs / 1000), metadata: request.metadata });
    const emit = hub.forRun(queued.id);
    const state = new RunState(queued, { store, emit, now });
    const entry = new ActiveRun(state);
    active.set(queued.id, entry);
    activeByThread.set(target.id, entry);
    state.created();
    // The user's message belongs to the thread, not the run, but the UI shows it from the same stream.
    if (message) emit({ event: 'thread.message.created', data: message });
    const expiry = setTimeout(() => entry.stop('expired'), runTimeLimitMs);
    const trust = contentTrust(request.trusted, request.unreviewed);
    const tools = builtins.forRun(
      { runId: queued.id, threadId: target.id, providerId, projectDir: request.projectDir ?? null, trust, signal: entry.signal, connection },
      config,
    );
    entry.done = executeRun({
      state,
      recorder: new RunRecorder(queued, { store, emit, now, annotate: (text) => tools.references.annotate(text), images: () => tools.references.takeImages() }),
      config,
      provider,
      history,
      runner,
      builtins: tools,
      trust,
      env: request.env ?? {},
      maxToolRounds,
      streamIdleTimeoutMs: streamIdleTimeoutMs(),
      streamRetries: connection.maxRetries ?? DEFAULT_MAX_RETRIES,
      prices,
      emit,
      signal: entry.signal,
      stopKind: () => entry.stopKind,
      waitForOutputs: (callIds) => entry.waitForOutputs(callIds),
      onInternalError: (error) => logError(`run ${queued.id} failed inside the runtime`, error),
    }).finally(() => {
      clearTimeout(expiry);
      active.delete(queued.id);
      activeByThread.delete(target.id);
    });
    return queued;
  }

  function wait(runId: string, options: { untilAction?: boolean } = {}): Promise<Run> {
    const current = run(runId);
    const entry = active.get(runId);
    if (!entry || isTerminalRunStatus(current.status) || (options.untilAction === true && current.status === 'requires_action'))
      return Promise.resolve(current);
    // Waiting for the loop itself (not its last event) means the thread is free again on return.
    const finished = entry.done.then(() => entry.state.run);
    if (!options.untilAction) return finished;
    return new Promise((resolve) => {
      const unsubscribe = hub.subscribe((event) => {
        if (event.runId === runId && event.event === 'thread.run.requires_action') {
          unsubscribe();
          resolve(event.data);
        }
      });
      void finished.then((r) => {
        unsubscribe();
        resolve(r);
      });
    });
  }

  return {
    threads: {
      create: (input) => {
        const created = newThread({ ...input, now: now() });
        store.threads.add(created);
        return created;
      },
      list: (assistantNodeId) => store.threads.listByAssistant(assistantNodeId).reverse(),
      get: thread,
      update: (id, patch) => {
        const current = thread(id);
        const updated: Thread = {
          ...current,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.metadata !== undefined ? { metadata: { ...patch.metadata } } : {}),
          ...(patch.toolResources !== undefined ? { tool_resources: patch.toolResources } : {}),
        };
        store.threads.put(updated);
        return updated;
      },
      rename: (id, title) => {
        const renamed = { ...thread(id), title };
        store.threads.put(renamed);
        return renamed;
      },
      delete: (id) => {
        thread(id);
        if (busyIn(id)) throw new AppFailure('E_INVALID_REQUEST', 'A run is still going in this thread; stop it before deleting the thread.');
        store.threads.remove(id);
        builtins.removeThread(id).catch((error: unknown) => logError(`the interpreter files of thread ${id} could not be deleted`, error));
      },
    },
    messages: {
      list: (threadId) => {
        thread(threadId); // an unknown thread is E_NOT_FOUND, not an empty list
        return store.messages.listByThread(threadId);
      },
      get: message,
      create: (threadId, input) => {
        thread(threadId);
        refuseWhileBusy(threadId, 'add messages to');
        const created = newMessage(threadId, input, now());
        store.messages.put(created);
        return created;
      },
      update: (threadId, messageId, patch) => {
        const updated = { ...message(threadId, messageId), metadata: { ...patch.metadata } };
        store.messages.put(updated);
        return updated;
      },
      delete: (threadId, messageId) => {
        message(threadId, messageId);
        refuseWhileBusy(threadId, 'delete messages of');
        store.messages.remove(messageId);
      },
    },
    assistants: {
      create: (input) => {
        const created: AssistantObject = { ...input, id: newAssistantId(), object: 'assistant', created_at: now() };
        store.assistants.put(created);
        return created;
      },
      get: assistant,
      list: () => store.assistants.list(),
      update: (id, patch) => {
        const updated: AssistantObject = { ...assistant(id), ...patch };
        store.assistants.put(updated);
        return updated;
      },
      delete: (id) => {
        assistant(id);
        store.assistants.remove(id);
      },
    },
    runs: {
      create,
      get: run,
      update: (runId, patch) => {
        const entry = active.get(runId);
        // A live run keeps its own copy of the run; the change goes through it so later transitions keep it.
        if (entry) return entry.state.update({ metadata: { ...patch.metadata } });
        const updated = { ...run(runId), metadata: { ...patch.metadata } };
        store.runs.put(updated);
        return updated;
      },
      list: (threadId) => {
        thread(threadId);
        return store.runs.listByThread(threadId);
      },
      steps: (runId) => {
        run(runId); // an unknown run is E_NOT_FOUND, not an empty list
        return store.steps.listByRun(runId);
      },
      step: (runId, stepId) => {
        run(runId);
        const found = store.steps.get(stepId);
        if (!found || found.run_id !== runId) throw notFound('run step', stepId);
        return found;
      },
      cancel(runId) {
        const entry = active.get(runId);
        if (!entry) throw new AppFailure('E_INVALID_REQUEST', `The run cannot be cancelled: it is ${run(runId).status}.`);
        if (entry.stopKind === null && entry.state.canMoveTo('cancelling')) {
          entry.state.transition('cancelling');
          entry.stop('cancelled');
        }
        return entry.state.run;
      },
      submitToolOutputs(runId, outputs) {
        const entry = active.get(runId);
        if (!entry) throw new AppFailure('E_INVALID_REQUEST', `The run is not waiting for tool outputs (it is ${run(runId).status}).`);
        entry.submit(outputs);
        return entry.state.run;
      },
      wait,
    },
    files: {
      create: (upload) => builtins.files.save(upload.filename, { bytes: upload.bytes }, upload.purpose),
      get: (id) => builtins.files.get(id),
      list: (options = {}) => builtins.files.list(options.purpose),
      content: (id) => builtins.files.content(id),
      delete: (id) => builtins.files.remove(id),
    },
    fileSearch: {
      chunk: (chunkId) => builtins.chunk(chunkId),
      deleteRemote: async (nodeId, providerId) => builtins.deleteRemote(nodeId, await deps.resolveProvider(providerId)),
    },
    testHandler: (fn, args, options) =>
      testHandler(fn, args, { runner, trusted: options.trusted, unreviewed: options.unreviewed === true, env: options.env ?? {} }),
    onEvent: (listener) => hub.subscribe(listener),
    async close() {
      const entries = [...active.values()];
      // The loop records the cancellation itself, and survives a store that is already gone.
      for (const entry of entries) entry.stop('cancelled');
      await Promise.all(entries.map((e) => e.done));
      builtins.close();
      // An injected runner belongs to whoever passed it.
      if (!deps.runner) runner.close?.();
    },
  };
}
