import { z } from 'zod';
import { TEMPLATE_IDS } from '../templateIds.ts';
import { FILES_CHANNELS } from './filesChannels.ts';
import { RUNTIME_CHANNELS } from './runtimeChannels.ts';
import { unreviewedSchema } from './trust.ts';
import { SERVE_CHANNELS } from './serveChannels.ts';

const projectValue = z.unknown().describe('Project; checked by parseProjectFile on the main side');

/**
 * A project as it crosses the boundary, with the file it belongs to (null until first saved) and the
 * nodes whose content still waits for the user's review (changed outside the app since it was trusted).
 */
const projectDocumentSchema = z.strictObject({
  path: z.string().nullable(),
  project: projectValue,
  unreviewed: unreviewedSchema,
});

const providerKindSchema = z.enum(['openai', 'openai-compatible']);

/** A configured model provider, without its key. */
export const providerConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
  label: z.string().min(1).max(80),
  kind: providerKindSchema,
  baseUrl: z.string(),
  /** Name of an environment variable that holds the key (never the key itself). */
  apiKeyEnv: z.string(),
  /**
   * The model for `POST /embeddings` (e.g. `text-embedding-3-small`): File Search is then hybrid
   * (keyword + vectors). Empty: keyword search only. Absent in settings saved before it existed.
   */
  embeddingModel: z.string().max(200).default(''),
});

/** What the renderer may know about a provider's key: whether one is set, and where from. */
const providerViewSchema = providerConfigSchema.extend({
  hasKey: z.boolean(),
  keySource: z.enum(['keychain', 'encrypted-file', 'environment']).nullable(),
});

export const themeSchema = z.enum(['system', 'light', 'dark']);

/** Seconds a provider's stream may stay silent: long enough for a slow local model, short of a hung run. */
export const streamIdleSchema = z.number().int().min(5).max(600);

const settingsViewSchema = z.strictObject({
  theme: themeSchema,
  providers: z.array(providerViewSchema),
  /** How keys are stored on this host. */
  secretStorage: z.enum(['keychain', 'encrypted-file']),
  dataDir: z.string(),
  /** The Python the code interpreter uses; null finds one automatically. */
  pythonPath: z.string().nullable(),
  /** Whether the code interpreter may run Python without a sandbox where none is available. */
  allowUnsandboxedPython: z.boolean(),
  /** How long a model's open stream may stay silent before the attempt is given up (and retried), in seconds. */
  streamIdleTimeoutSeconds: z.number(),
  /** Whether Function handlers may run without a sandbox (Node's permission model only) where none is available. */
  allowUnsandboxedHandlers: z.boolean(),
});

export const draftSchema = z.strictObject({
  draftId: z.string().min(1).max(64),
  path: z.string().nullable(),
  savedAt: z.number(),
  project: projectValue,
  unreviewed: unreviewedSchema.optional(),
});

const recentEntrySchema = z.strictObject({ path: z.string(), name: z.string(), exists: z.boolean() });

/** Something the app could not read at start and left out so that it could start: which, why, and where it is kept. */
const setAsideSchema = z.strictObject({
  kind: z.enum(['recentProject', 'draft', 'settingsFile', 'setting']),
  /** The file, or for a setting its name. */
  name: z.string(),
  reason: z.string(),
  /** Where the file is kept now, when it was moved out of the way; null when it stays where it was. */
  keptAt: z.string().nullable(),
});
export type SetAside = z.infer<typeof setAsideSchema>;

const dirEntrySchema = z.strictObject({ name: z.string(), path: z.string(), kind: z.enum(['dir', 'project', 'file']) });

const none = z.strictObject({});

/**
 * Every request the renderer can make, with its request and response schemas.
 * Both hosts (Electron IPC and the loopback web host) serve exactly this map.
 */
export const CHANNELS = {
  'app:app/info': {
    request: none,
    response: z.strictObject({ host: z.enum(['electron', 'web']), version: z.string(), platform: z.string() }),
  },
  'app:project/initial': {
    request: none,
    response: z.strictObject({ document: projectDocumentSchema, drafts: z.array(draftSchema), firstRun: z.boolean(), setAside: z.array(setAsideSchema) }),
  },
  'app:project/open': {
    request: z.strictObject({ path: z.string().min(1) }),
    response: z.strictObject({ document: projectDocumentSchema, migratedFrom: z.number().nullable() }),
  },
  'app:project/save': {
    request: z.strictObject({ path: z.string().min(1), previousPath: z.string().nullable(), project: projectValue, unreviewed: unreviewedSchema.optional() }),
    response: z.strictObject({ document: projectDocumentSchema }),
  },
  /** Writes a template of the gallery with its files into a new folder of the data directory, trusted (the app wrote it), and opens it. */
  'app:project/template': {
    request: z.strictObject({ template: z.enum(TEMPLATE_IDS).exclude(['blank']) }),
    response: z.strictObject({ document: projectDocumentSchema }),
  },
  'app:project/recent': {
    request: none,
    response: z.strictObject({ entries: z.array(recentEntrySchema) }),
  },
  'app:dialog/openProject': {
    request: none,
    response: z.strictObject({ path: z.string().nullable() }),
  },
  'app:dialog/saveProject': {
    request: z.strictObject({ suggestedName: z.string() }),
    response: z.strictObject({ path: z.string().nullable() }),
  },
  'app:fs/list': {
    request: z.strictObject({ dir: z.string().nullable() }),
    response: z.strictObject({ dir: z.string(), parent: z.string().nullable(), entries: z.array(dirEntrySchema) }),
  },
  'app:draft/save': {
    request: z.strictObject({
      draftId: z.string().min(1).max(64),
      path: z.string().nullable(),
      project: projectValue,
      unreviewed: unreviewedSchema.optional(),
    }),
    response: none,
  },
  'app:draft/discard': {
    request: z.strictObject({ draftId: z.string().min(1).max(64) }),
    response: none,
  },
  'app:settings/get': {
    request: none,
    response: settingsViewSchema,
  },
  'app:settings/update': {
    request: z.strictObject({
      theme: themeSchema.optional(),
      providers: z.array(providerConfigSchema).optional(),
      /** An absolute path to a Python 3 executable; an empty string goes back to finding one automatically. */
      pythonPath: z.string().max(4096).optional(),
      /** Lets the code interpreter run Python unsandboxed, with the user's permissions, where no sandbox is available. */
      allowUnsandboxedPython: z.boolean().optional(),
      streamIdleTimeoutSeconds: streamIdleSchema.optional(),
      /** Lets Function handlers run with Node's permission model as their only confinement where no sandbox is available. */
      allowUnsandboxedHandlers: z.boolean().optional(),
    }),
    response: settingsViewSchema,
  },
  'app:secrets/set': {
    request: z.strictObject({ providerId: z.string().min(1), apiKey: z.string().min(1).max(4096) }),
    response: settingsViewSchema,
  },
  'app:secrets/clear': {
    request: z.strictObject({ providerId: z.string().min(1) }),
    response: settingsViewSchema,
  },
  ...RUNTIME_CHANNELS,
  ...FILES_CHANNELS,
  ...SERVE_CHANNELS,
} as const;

export type Channel = keyof typeof CHANNELS;
export type RequestOf<C extends Channel> = z.input<(typeof CHANNELS)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof CHANNELS)[C]['response']>;

export type ProviderConfig = z.infer<typeof providerConfigSchema>;
export type ProviderView = z.infer<typeof providerViewSchema>;
export type SettingsView = z.infer<typeof settingsViewSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type RecentEntry = z.infer<typeof recentEntrySchema>;
export type DirEntry = z.infer<typeof dirEntrySchema>;

export const isChannel = (name: string): name is Channel => Object.hasOwn(CHANNELS, name);
