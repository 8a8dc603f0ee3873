import { z } from 'zod';
import { runEventSchema } from '../runtime/events.ts';
import { serveStatusSchema } from './serveChannels.ts';

/** Commands the application menu sends to the window (imperative names). */
const MENU_COMMANDS = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'edit.undo',
  'edit.redo',
  'edit.selectAll',
  'edit.duplicate',
  'edit.delete',
  'view.fitView',
  'view.zoomIn',
  'view.zoomOut',
  'view.autoLayout',
  'view.toggleTheme',
  'view.settings',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Events pushed from the main process to the window; named in the past tense. */
export const appEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('menu.commandInvoked'), command: z.enum(MENU_COMMANDS) }),
  z.strictObject({ type: z.literal('menu.recentChosen'), path: z.string() }),
  z.strictObject({ type: z.literal('settings.changed') }),
  /** The app's Assistants API server started, stopped or failed to start. */
  z.strictObject({ type: z.literal('serve.statusChanged'), status: serveStatusSchema }),
  /** An Assistants API client created, changed or deleted an assistant. */
  z.strictObject({ type: z.literal('assistants.changed') }),
  /** Everything a run reports, as it happens (each event carries its runId and seq). */
  z.strictObject({ type: z.literal('run.event'), event: runEventSchema }),
  /**
   * How far indexing a File Search node's Knowledge got (`app:knowledge/sync`): files read, then
   * chunks embedded; `path` is the file just finished.
   */
  z.strictObject({
    type: z.literal('knowledge.progress'),
    nodeId: z.string(),
    phase: z.enum(['files', 'embeddings']),
    done: z.number().int(),
    total: z.number().int(),
    path: z.string().optional(),
  }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;

/** The channel on which events travel (Electron IPC) and the WebSocket path (web host). */
export const EVENT_CHANNEL = 'app:events';
export const EVENTS_PATH = '/api/events';
export const INVOKE_PATH = '/api/invoke';

const MAX_LOGGED_ISSUES = 5;

/** A string field of a payload, quoted and cut short; null when it is missing or not a string. */
function fieldOf(payload: unknown, key: string): string | null {
  const value = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 60)) : null;
}

/**
 * What to log about a payload that is not an app event: its type (and run event name) and the schema
 * issues, never its data, which may carry the user's messages.
 */
export function describeInvalidEvent(payload: unknown, issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const type = fieldOf(payload, 'type') ?? 'without a type';
  const runEvent = payload !== null && typeof payload === 'object' ? fieldOf((payload as { event?: unknown }).event, 'event') : null;
  const shown = issues.slice(0, MAX_LOGGED_ISSUES).map((i) => `${i.path.length > 0 ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`);
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return `${type}${runEvent ? ` (${runEvent})` : ''}: ${shown.join('; ')}`;
}
