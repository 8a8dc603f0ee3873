import { AppFailure } from '../../../shared/errors.ts';
import type { ServeConfig, ServeStatus, ServeView } from '../../../shared/ipc/serveChannels.ts';
import type { Runtime, VectorStoreService } from '../../engine/index.ts';
import { newServeKey } from '../../serve/auth.ts';
import { resolveWith } from '../../serve/models.ts';
import { createAssistantsServer, type AssistantsServer, type CanvasProject } from '../../serve/server.ts';
import type { Log } from './log.ts';
import type { ProviderAccess } from './providers.ts';
import type { Secrets } from './secrets.ts';
import { readSettings, updateSettings, type SettingsStore } from './settings.ts';

/** Where the server's key is kept among the secrets: an id no provider can have. */
const KEY_ID = '@assistants-server';

export interface AssistantsServerDeps {
  settings: SettingsStore;
  secrets: Secrets;
  providers: ProviderAccess;
  /** The app's own runtime (started on demand), so API runs land in the store the window shows. */
  runtime(): Runtime;
  /** The vector store service on that runtime's store and File Search index. */
  vectorStores(): VectorStoreService;
  /** The project open in the window. */
  canvas(): Promise<CanvasProject | null>;
  log: Log;
  onStatus(status: ServeStatus): void;
  /** An API client created, changed or deleted an assistant. */
  onAssistantsChanged(): void;
}

/** The Assistants API server inside the app: it follows its settings (Settings → Assistants API server). */
export interface AssistantsServerControl {
  view(): Promise<ServeView>;
  /** Stores the change and brings the server in line with it; the first switch-on makes the key. */
  update(change: Partial<ServeConfig>): Promise<ServeView>;
  /** Starts, restarts or stops the server to match the settings (after any change that may matter). */
  sync(): Promise<void>;
  /** The key and the current base URL, for the user to copy. */
  key(): Promise<{ key: string; baseUrl: string | null }>;
  newKey(): Promise<ServeView>;
  close(): Promise<void>;
}

/** What a running server was started with; a change to any of these needs a new one. */
interface Started {
  server: AssistantsServer;
  port: number;
  providerId: string;
  key: string;
}

/** The same runtime, with the assistants' changes announced (the window lists API assistants). */
function announcingChanges(runtime: Runtime, changed: () => void): Runtime {
  const { assistants } = runtime;
  const after = <T>(value: T): T => {
    changed();
    return value;
  };
  return {
    ...runtime,
    assistants: {
      ...assistants,
      create: (input) => after(assistants.create(input)),
      update: (id, patch) => after(assistants.update(id, patch)),
      delete: (id) => after(assistants.delete(id)),
    },
  };
}

function startProblem(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${port} is in use by another program. Choose another port, or 0 for any free one.`;
  if (code === 'EACCES') return `Port ${port} needs privileges this app does not have. Choose a port above 1023.`;
  if (error instanceof AppFailure) return error.message;
  return `The server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

export function createAssistantsServerControl(deps: AssistantsServerDeps): AssistantsServerControl {
  let started: Started | null = null;
  let status: ServeStatus = { state: 'off' };
  let closed = false;
  // One change at a time: a start still listening must not race the stop that follows it.
  let queue: Promise<void> = Promise.resolve();

  const config = (): ServeConfig => readSettings(deps.settings).assistantsServer;
  const setStatus = (next: ServeStatus): void => {
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    status = next;
    if (!closed) deps.onStatus(next);
  };

  const stop = async (): Promise<void> => {
    const current = started;
    started = null;
    await current?.server.close();
  };

  /** Why runs could not go to the chosen provider, or null when they can. */
  const providerProblem = async (providerId: string): Promise<string | null> => {
    const { providers } = readSettings(deps.settings);
    if (providers.length === 0) return 'Add a provider under Providers first: API runs need one.';
    if (!providers.some((p) => p.id === providerId)) return `Choose the provider API runs use: "${providerId}" is not configured.`;
    try {
      await deps.providers.connection(providerId);
      return null;
    } catch (error) {
      if (error instanceof AppFailure) return error.message;
      throw error;
    }
  };

  const logAs = {
    info: (message: string) => deps.log.info(`assistants server: ${message}`),
    error: (message: string, cause?: unknown) => deps.log.error(`assistants server: ${message}`, cause),
  };

  /** A server on the app's runtime; the alias table and the default model are read on every run, so they apply without a restart. */
  const listenOn = (port: number, providerId: string, key: string): Promise<AssistantsServer> =>
    createAssistantsServer({
      runtime: announcingChanges(deps.runtime(), deps.onAssistantsChanged),
      providerId,
      resolveModel: (name) => {
        const { model, aliases } = config();
        return resolveWith({ aliases: Object.fromEntries(aliases.map((a) => [a.name, a.model])), ...(model ? { defaultModel: model } : {}) })(name);
      },
      listModels: async () => {
        const { model, aliases } = config();
        const offered = await deps.providers.listModels(providerId).catch(() => []);
        return [...aliases.map((a) => a.name), ...(model ? [model] : []), ...offered];
      },
      key,
      port,
      canvas: deps.canvas,
      vectorStoreService: deps.vectorStores(),
      log: logAs,
    });

  async function reconcile(): Promise<void> {
    const wanted = config();
    if (closed || !wanted.enabled) {
      await stop();
      setStatus({ state: 'off' });
      return;
    }
    const key = await deps.secrets.stored(KEY_ID);
    const problem = key === null ? 'The server has no key yet; make one with New key.' : await providerProblem(wanted.providerId);
    if (problem !== null || key === null) {
      await stop();
      setStatus({ state: 'failed', message: problem ?? '' });
      return;
    }
    if (started && started.port === wanted.port && started.providerId === wanted.providerId && started.key === key) return;
    // With port 0, a restart (a new key, another provider) keeps the port it had, so the base URL stays.
    const previousPort = started?.port === 0 && wanted.port === 0 ? started.server.port : null;
    await stop();
    setStatus({ state: 'starting' });
    const { providerId, port } = wanted;
    try {
      const listen = (on: number) => listenOn(on, providerId, key);
      const server = previousPort === null ? await listen(port) : await listen(previousPort).catch(() => listen(0));
      // Switched off or closed while it was starting.
      if (closed || !config().enabled) {
        await server.close();
        setStatus({ state: 'off' });
        return;
      }
      started = { server, port, providerId, key };
      deps.log.info(`the Assistants API server is running at ${server.url}`);
      setStatus({ state: 'running', url: server.url });
    } catch (error) {
      const message = startProblem(error, port);
      if (!(error instanceof AppFailure) && (error as NodeJS.ErrnoException | null)?.code === undefined)
        deps.log.error('the Assistants API server could not start', error);
      setStatus({ state: 'failed', message });
    }
  }

  const sync = (): Promise<void> => {
    queue = queue.then(reconcile).catch((error: unknown) => {
      deps.log.error('could not bring the Assistants API server in line with its settings', error);
      setStatus({ state: 'failed', message: 'Something went wrong inside Assistant Studio; see the log for details.' });
    });
    return queue;
  };

  const view = async (): Promise<ServeView> => ({ config: config(), status, hasKey: (await deps.secrets.stored(KEY_ID)) !== null });

  return {
    view,
    async update(change) {
      if (change.enabled === true && (await deps.secrets.stored(KEY_ID)) === null) await deps.secrets.set(KEY_ID, newServeKey());
      updateSettings(deps.settings, (s) => ({ ...s, assistantsServer: { ...s.assistantsServer, ...change } }));
      await sync();
      return view();
    },
    sync,
    async key() {
      const key = await deps.secrets.stored(KEY_ID);
      if (key === null) throw new AppFailure('E_NOT_FOUND', 'The server has no key yet: switch it on first.');
      return { key, baseUrl: started?.server.url ?? null };
    },
    async newKey() {
      await deps.secrets.set(KEY_ID, newServeKey());
      await sync();
      return view();
    },
    async close() {
      closed = true;
      await queue;
      await stop();
    },
  };
}
