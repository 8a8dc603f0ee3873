import { z } from 'zod';
import { providerConfigSchema, streamIdleSchema, themeSchema, type ProviderConfig, type Theme } from '../../../shared/ipc/contract.ts';
import { DEFAULT_SERVE_PORT, serveConfigSchema, type ServeConfig } from '../../../shared/ipc/serveChannels.ts';

/** Everything the app remembers between starts (keys live apart, in the secrets store). */
export interface AppSettings {
  theme: Theme;
  providers: ProviderConfig[];
  /** Absolute paths of recently used projects, most recent first. */
  recent: string[];
  firstRunDone: boolean;
  /** Normalised paths of project files whose handlers the user allowed to run (see trust.ts). */
  trustedProjects: string[];
  /** Per trusted path, the hash of each piece of content trusted with it (see trust.ts); absent for paths trusted before content was kept. */
  trustedContent: Record<string, Record<string, string>>;
  /** The Python the code interpreter uses (an absolute path); null finds one automatically. */
  pythonPath: string | null;
  /** Whether Python may run unsandboxed where no sandbox is available; off until the user switches it on. */
  allowUnsandboxedPython: boolean;
  /** How long a model's open stream may stay silent before the attempt is given up and retried (seconds). */
  streamIdleTimeoutSeconds: number;
  /** Whether Function handlers may run unsandboxed (Node's permission model only) where no sandbox is available; off until the user switches it on. */
  allowUnsandboxedHandlers: boolean;
  /** The Assistants API server inside the app (its key is kept with the secrets). */
  assistantsServer: ServeConfig;
}

/** Where settings persist: `conf` on the web host, `electron-store` in Electron. */
export interface SettingsStore {
  get(): AppSettings;
  set(next: AppSettings): void;
}

export const DEFAULT_PROVIDERS: readonly ProviderConfig[] = [
  { id: 'openai', label: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', embeddingModel: '' },
];

/** The runtime's own default (electron/engine/runtime/runtime.ts), in seconds. */
const DEFAULT_STREAM_IDLE_SECONDS = 30;

export function defaultSettings(): AppSettings {
  return {
    theme: 'system',
    providers: DEFAULT_PROVIDERS.map((p) => ({ ...p })),
    recent: [],
    firstRunDone: false,
    trustedProjects: [],
    trustedContent: {},
    pythonPath: null,
    allowUnsandboxedPython: false,
    streamIdleTimeoutSeconds: DEFAULT_STREAM_IDLE_SECONDS,
    allowUnsandboxedHandlers: false,
    assistantsServer: { enabled: false, port: DEFAULT_SERVE_PORT, providerId: DEFAULT_PROVIDERS[0]!.id, model: '', aliases: [] },
  };
}

// Each field is checked on its own so that one hand-edited or outdated field does not reset the others.
const fieldSchemas = {
  theme: themeSchema,
  providers: z.array(providerConfigSchema),
  recent: z.array(z.string()),
  firstRunDone: z.boolean(),
  trustedProjects: z.array(z.string()),
  trustedContent: z.record(z.string(), z.record(z.string(), z.string())),
  pythonPath: z.string().min(1).nullable(),
  allowUnsandboxedPython: z.boolean(),
  streamIdleTimeoutSeconds: streamIdleSchema,
  allowUnsandboxedHandlers: z.boolean(),
  assistantsServer: serveConfigSchema,
} as const;

/** Reads settings from a store that may hold anything (an older app, a hand edit), falling back per field. */
export function readSettings(store: SettingsStore): AppSettings {
  const raw: unknown = store.get();
  const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const defaults = defaultSettings();
  const pick = <K extends keyof AppSettings>(key: K): AppSettings[K] => {
    const parsed = fieldSchemas[key].safeParse(stored[key]);
    return parsed.success ? (parsed.data as AppSettings[K]) : defaults[key];
  };
  return {
    theme: pick('theme'),
    providers: pick('providers'),
    recent: pick('recent'),
    firstRunDone: pick('firstRunDone'),
    trustedProjects: pick('trustedProjects'),
    trustedContent: pick('trustedContent'),
    pythonPath: pick('pythonPath'),
    allowUnsandboxedPython: pick('allowUnsandboxedPython'),
    streamIdleTimeoutSeconds: pick('streamIdleTimeoutSeconds'),
    allowUnsandboxedHandlers: pick('allowUnsandboxedHandlers'),
    assistantsServer: pick('assistantsServer'),
  };
}

/** The settings whose stored value cannot be read, so that readSettings gives their defaults instead. */
export function unreadableSettings(store: SettingsStore): (keyof AppSettings)[] {
  const raw: unknown = store.get();
  const stored = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return (Object.keys(fieldSchemas) as (keyof AppSettings)[]).filter((key) => key in stored && !fieldSchemas[key].safeParse(stored[key]).success);
}

/** Applies a change to the stored settings and returns the result. */
export function updateSettings(store: SettingsStore, change: (current: AppSettings) => AppSettings): AppSettings {
  const next = change(readSettings(store));
  store.set(next);
  return next;
}
