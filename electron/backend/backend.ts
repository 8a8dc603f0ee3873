import os from 'node:os';
import path from 'node:path';
import { AppFailure, fail, ok, type Result } from '../../shared/errors.ts';
import { CHANNELS, isChannel, type SetAside } from '../../shared/ipc/contract.ts';
import { appEventSchema, describeInvalidEvent, type AppEvent } from '../../shared/ipc/events.ts';
import { createHandlers } from './channels/index.ts';
import {
  createProcessRunner,
  createRuntime,
  createVectorStores,
  type FileIndex,
  openFileIndex,
  openStore,
  privateDir,
  type Runtime,
  type SessionManager,
  type Store,
  type VectorStoreService,
} from '../engine/index.ts';
import { createAssistantsServerControl } from './workspace/assistantsServer.ts';
import { DataDirLocked, lockDataDir, type DataDirLock } from './workspace/dataLock.ts';
import type { Dialogs } from './workspace/dialogs.ts';
import { createDrafts } from './workspace/drafts.ts';
import { createEmbedderAccess } from './workspace/embeddings.ts';
import { KnowledgeSyncs } from './workspace/knowledgeSync.ts';
import type { Log } from './workspace/log.ts';
import { createProviderAccess } from './workspace/providers.ts';
import { SettingsSessions } from './workspace/pythonSessions.ts';
import { createSecrets, type SecretCipher } from './workspace/secrets.ts';
import { createServedProject } from './workspace/servedProject.ts';
import { readSettings, type SettingsStore } from './workspace/settings.ts';
import { createTrust } from './workspace/trust.ts';

/** What a host (Electron main or the web host) provides; every side effect comes in through here. */
export interface BackendDeps {
  dataDir: string;
  settings: SettingsStore;
  cipher: SecretCipher;
  /** Native dialogs, or null where there are none (the web host). */
  dialogs: Dialogs | null;
  host: 'electron' | 'web';
  env: Record<string, string | undefined>;
  log: Log;
  /** The app's version, reported by `app:app/info`. */
  version: string;
  /** Where the file picker starts when no recent project exists; defaults to the user's home. */
  homeDir?: string;
  /** What the host could not read while it started (a settings file) and left out; the window is told. */
  setAside?: readonly SetAside[];
}

/** What starts with the first request that needs it: the run database, the runtime over it, and what the runtime uses. */
interface Engine {
  /** This process's claim on the run database (another process opening it would fail this one's live runs). */
  lock: DataDirLock;
  store: Store;
  runtime: Runtime;
  fileIndex: FileIndex;
  sessions: SessionManager;
  /** The Assistants API's local vector stores, on the runtime's store and index (made when the server first needs them). */
  vectorStores: VectorStoreService | null;
}

/** The database of threads and runs in the data directory. */
export const RUNS_DATABASE = 'runs.sqlite';

/** The services behind the IPC contract, shared by both hosts. */
export interface Backend {
  /** Serves one request of the contract; never throws. */
  handle(channel: string, request: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /** Sends an event to every listener; one outside the contract is logged and dropped. */
  emit(event: AppEvent): void;
  close(): Promise<void>;
}

const issueLines = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] =>
  issues.map((i) => `${i.path.length > 0 ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`);

export function createBackend(deps: BackendDeps): Backend {
  // Settings, keys, drafts and runs live here: the user's alone, even where a host made the folder first.
  privateDir(deps.dataDir);
  const listeners = new Set<(event: AppEvent) => void>();
  const secrets = createSecrets({ dataDir: deps.dataDir, cipher: deps.cipher, env: deps.env, log: deps.log });
  const providers = createProviderAccess(deps.settings, secrets);
  const embedderFor = createEmbedderAccess(providers);
  const trust = createTrust(deps.settings, { contentDir: path.join(deps.dataDir, 'trusted-content') });
  const servedProject = createServedProject(trust);

  const emit = (event: AppEvent): void => {
    // Checked at the source, where the Log is: a window would only drop it and tell its own console.
    const checked = appEventSchema.safeParse(event);
    if (!checked.success) {
      deps.log.error(`dropped an event outside the contract: ${describeInvalidEvent(event, checked.error.issues)}`);
      return;
    }
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.log.error(`an event listener failed on ${event.type}`, error);
      }
    }
    // A provider or key that changed may let the Assistants API server start, or stop it.
    if (event.type === 'settings.changed') void assistantsServer.sync();
  };

  // The run engine starts on first use, so a window that never runs anything never opens the database.
  let engine: Engine | null = null;
  let closing: Promise<void> | null = null;
  const knowledge = new KnowledgeSyncs();
  const start = (): Engine => {
    if (closing !== null) throw new AppFailure('E_UNSUPPORTED', 'Assistant Studio is closing; the request was not carried out.');
    if (engine) return engine;
    const file = path.join(deps.dataDir, RUNS_DATABASE);
    let lock: DataDirLock;
    let store: Store;
    try {
      privateDir(deps.dataDir);
      lock = lockDataDir(deps.dataDir, deps.host === 'electron' ? 'the Assistant Studio app' : 'Assistant Studio (npm run web)');
    } catch (error) {
      if (!(error instanceof DataDirLocked)) throw new AppFailure('E_IO', `Could not lock the data directory ${deps.dataDir}: ${String(error)}`);
      const { owner, pid } = error.holder;
      throw new AppFailure(
        'E_IO',
        `The data directory ${deps.dataDir} is in use by ${owner} (process ${pid}); two programs on one run database would end each other's runs. ` +
          'Stop it and try again. The app serves the Assistants API itself (Settings → Assistants API server); npm run serve can use its own --data-dir.',
      );
    }
    try {
      store = openStore(file, { onWriteError: (error) => deps.log.error('could not save run data', error) });
    } catch (error) {
      lock.release();
      deps.log.error(`could not open ${file}`, error);
      throw new AppFailure('E_IO', `Could not open the run database ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (store.recoveredRunIds.length > 0) deps.log.warn(`${store.recoveredRunIds.length} run(s) left unfinished by the last session were marked failed`);
    // Opened here rather than by the runtime, so Knowledge indexed from the window lands in the stores runs search.
    const fileIndex = openFileIndex(store.database);
    const sessions = new SettingsSessions({ rootDir: path.join(deps.dataDir, 'code-interpreter') }, () => {
      const { pythonPath, allowUnsandboxedPython } = readSettings(deps.settings);
      return { pythonPath, allowUnsandboxed: allowUnsandboxedPython };
    });
    const started = createRuntime({
      store,
      // Handlers run in the sandbox; without one, only while the user allows it in the settings.
      runner: createProcessRunner({ allowUnsandboxed: () => readSettings(deps.settings).allowUnsandboxedHandlers }),
      resolveProvider: (id) => providers.connection(id),
      log: deps.log,
      fileIndex,
      embedderFor,
      codeInterpreter: sessions,
      filesDir: path.join(deps.dataDir, 'files'),
      // Read at each run, so a change in Settings applies to the next run.
      streamIdleTimeoutMs: () => readSettings(deps.settings).streamIdleTimeoutSeconds * 1000,
    });
    started.onEvent((event) => emit({ type: 'run.event', event }));
    engine = { lock, store, runtime: started, fileIndex, sessions, vectorStores: null };
    return engine;
  };

  const assistantsServer = createAssistantsServerControl({
    settings: deps.settings,
    secrets,
    providers,
    runtime: () => start().runtime,
    vectorStores: () => {
      const current = start();
      // Indexing left unfinished resumes when the service is made; keyword search unless the server's provider embeds.
      current.vectorStores ??= createVectorStores({
        store: current.store,
        fileIndex: current.fileIndex,
        files: current.runtime.files,
        embedder: () => embedderFor(readSettings(deps.settings).assistantsServer.providerId),
        log: deps.log,
      });
      return current.vectorStores;
    },
    canvas: () => servedProject.current(),
    log: deps.log,
    onStatus: (status) => emit({ type: 'serve.statusChanged', status }),
    onAssistantsChanged: () => emit({ type: 'assistants.changed' }),
  });
  // Switched on in an earlier session: it starts with the app.
  if (readSettings(deps.settings).assistantsServer.enabled) void assistantsServer.sync();

  const handlers = createHandlers({
    dataDir: deps.dataDir,
    host: deps.host,
    version: deps.version,
    homeDir: deps.homeDir ?? os.homedir(),
    setAside: deps.setAside ?? [],
    settings: deps.settings,
    secrets,
    drafts: createDrafts(deps.dataDir, deps.log),
    trust,
    providers,
    runtime: () => start().runtime,
    fileIndex: () => start().fileIndex,
    knowledge,
    embedderFor,
    restartPython: () => engine?.sessions.closeAll(),
    assistantsServer,
    servedProject,
    dialogs: deps.dialogs,
    log: deps.log,
    emit,
  });

  return {
    async handle(channel, request) {
      if (!isChannel(channel)) return fail('E_UNKNOWN_CHANNEL', `There is no channel "${String(channel).slice(0, 80)}".`);
      const contract = CHANNELS[channel];
      const parsed = contract.request.safeParse(request ?? {});
      if (!parsed.success) return fail('E_INVALID_REQUEST', `The request to ${channel} is invalid.`, issueLines(parsed.error.issues));
      try {
        // The map is complete per channel (see Handlers); indexing by a union loses the pairing, hence the cast.
        const run = handlers[channel] as (request: unknown) => Promise<unknown>;
        const value = await run(parsed.data);
        const checked = contract.response.safeParse(value);
        if (!checked.success) {
          deps.log.error(`${channel} produced a response outside the contract: ${issueLines(checked.error.issues).join('; ')}`);
          return fail('E_INTERNAL', 'Something went wrong inside Assistant Studio; see the log for details.');
        }
        return ok(checked.data);
      } catch (error) {
        if (error instanceof AppFailure) return fail(error.code, error.message, error.details);
        deps.log.error(`${channel} failed`, error);
        return fail('E_INTERNAL', 'Something went wrong inside Assistant Studio; see the log for details.');
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit,
    close() {
      closing ??= (async () => {
        // API clients go first: nothing may start a run on a runtime that is closing.
        await assistantsServer.close();
        if (engine) {
          // Active runs and indexing are cancelled and recorded as such (their events still reach the window) before the database closes.
          await engine.vectorStores?.close();
          await Promise.all([engine.runtime.close(), knowledge.close()]);
          engine.sessions.closeAll();
          engine.store.close();
          engine.lock.release();
          engine = null;
        }
        listeners.clear();
      })();
      return closing;
    },
  };
}
