import os from 'node:os';
import { AppFailure, fail, ok, type Result } from '../../shared/errors.ts';
import { CHANNELS, isChannel } from '../../shared/ipc/contract.ts';
import type { AppEvent } from '../../shared/ipc/events.ts';
import { createHandlers } from './channels.ts';
import type { Dialogs } from './workspace/dialogs.ts';
import { createDrafts } from './workspace/drafts.ts';
import type { Log } from './workspace/log.ts';
import { createSecrets, type SecretCipher } from './workspace/secrets.ts';
import { readSettings, type SettingsStore } from './workspace/settings.ts';

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
}

/** The services behind the IPC contract, shared by both hosts. */
export interface Backend {
  /** Serves one request of the contract; never throws. */
  handle(channel: string, request: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  emit(event: AppEvent): void;
  /** A provider's API key, for the run engine only; never send it to the renderer. */
  getKey(providerId: string): Promise<string | null>;
  close(): Promise<void>;
}

const issueLines = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] =>
  issues.map((i) => `${i.path.length > 0 ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`);

export function createBackend(deps: BackendDeps): Backend {
  const listeners = new Set<(event: AppEvent) => void>();
  const secrets = createSecrets({ dataDir: deps.dataDir, cipher: deps.cipher, env: deps.env, log: deps.log });

  const emit = (event: AppEvent): void => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.log.error(`an event listener failed on ${event.type}`, error);
      }
    }
  };

  const handlers = createHandlers({
    dataDir: deps.dataDir,
    host: deps.host,
    version: deps.version,
    homeDir: deps.homeDir ?? os.homedir(),
    settings: deps.settings,
    secrets,
    drafts: createDrafts(deps.dataDir, deps.log),
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
    async getKey(providerId) {
      const provider = readSettings(deps.settings).providers.find((p) => p.id === providerId);
      return provider ? secrets.getKey(provider) : null;
    },
    async close() {
      listeners.clear();
    },
  };
}
