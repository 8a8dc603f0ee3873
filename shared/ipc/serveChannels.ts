import { z } from 'zod';
import { assistantObjectSchema } from '../runtime/objects.ts';
import { unreviewedSchema } from './trust.ts';

const projectValue = z.unknown().describe('Project; checked by parseProjectFile on the main side');

/** The port the app's Assistants API server listens on unless the user picks another: fixed, so client code keeps working across restarts. */
export const DEFAULT_SERVE_PORT = 8787;

/** One row of the alias table: runs asking for `name` go to `model`. */
const modelAliasSchema = z.strictObject({ name: z.string().trim().min(1).max(200), model: z.string().trim().min(1).max(200) });
export type ModelAlias = z.infer<typeof modelAliasSchema>;

/** How the app serves the Assistants API (the key lives apart, with the secrets). */
export const serveConfigSchema = z.strictObject({
  /** Off until the user switches it on. */
  enabled: z.boolean(),
  /** 0 picks any free port (a new one on each start). */
  port: z.number().int().min(0).max(65535),
  /** The configured provider that runs of API assistants go to. */
  providerId: z.string().max(80),
  /** Where every model name without an alias goes; empty: the name the assistant or run asks for. */
  model: z.string().max(200),
  aliases: z.array(modelAliasSchema).max(100),
});
export type ServeConfig = z.infer<typeof serveConfigSchema>;

/** Whether the server is up, and at which address, or why not (a sentence for the user). */
export const serveStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('off') }),
  z.strictObject({ state: z.literal('starting') }),
  z.strictObject({ state: z.literal('running'), url: z.string() }),
  z.strictObject({ state: z.literal('failed'), message: z.string() }),
]);
export type ServeStatus = z.infer<typeof serveStatusSchema>;

/** What the window may know about the server: its settings and status, and whether a key exists (never the key). */
const serveViewSchema = z.strictObject({ config: serveConfigSchema, status: serveStatusSchema, hasKey: z.boolean() });
export type ServeView = z.infer<typeof serveViewSchema>;

/**
 * Channels of the app's Assistants API server (Settings → Assistants API server) and of the assistants
 * made through it. Merged into CHANNELS.
 */
export const SERVE_CHANNELS = {
  'app:serve/get': {
    request: z.strictObject({}),
    response: serveViewSchema,
  },
  /** Changes what is given; the server starts, restarts or stops to match. Switching it on the first time makes its key. */
  'app:serve/update': {
    request: serveConfigSchema.partial(),
    response: serveViewSchema,
  },
  /** The key and the base URL, for the window to copy at the user's request (and forget). */
  'app:serve/key': {
    request: z.strictObject({}),
    response: z.strictObject({ key: z.string(), baseUrl: z.string().nullable() }),
  },
  /** Replaces the key; clients with the old one are refused from then on. */
  'app:serve/newKey': {
    request: z.strictObject({}),
    response: serveViewSchema,
  },
  /**
   * The project open in the window, whose Assistant nodes the server offers as `asst_<node id>`; the
   * latest report wins. Whether its handlers may run is decided here from its path, as for runs.
   */
  'app:serve/project': {
    request: z.strictObject({ path: z.string().nullable(), project: projectValue, unreviewed: unreviewedSchema.optional() }),
    response: z.strictObject({}),
  },
  /** Assistants made through the Assistants API, oldest first. */
  'app:assistants/list': {
    request: z.strictObject({}),
    response: z.strictObject({ assistants: z.array(assistantObjectSchema) }),
  },
} as const;
