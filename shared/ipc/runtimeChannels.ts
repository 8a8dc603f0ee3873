import { z } from 'zod';
import { attachmentUploadSchema, MAX_ATTACHMENTS } from './filesChannels.ts';
import { reviewedItemSchema, unreviewedSchema } from './trust.ts';
import { messageSchema, runSchema, threadSchema } from '../runtime/objects.ts';
import { runStepSchema } from '../runtime/steps.ts';

const projectValue = z.unknown().describe('Project; checked by parseProjectFile on the main side');
const id = z.string().min(1).max(200);
const none = z.strictObject({});

/** Result of running a Function handler from the inspector's Test button. */
const handlerTestResultSchema = z.strictObject({
  args: z.unknown(),
  output: z.string(),
  logs: z.array(z.string()),
  durationMs: z.number(),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
});
export type HandlerTestResult = z.infer<typeof handlerTestResultSchema>;

/**
 * Channels of the run engine: threads, messages, runs and run steps (the Assistants object model),
 * the handler test, project trust and the provider's model list. Merged into CHANNELS.
 */
export const RUNTIME_CHANNELS = {
  'app:threads/list': {
    request: z.strictObject({ assistantNodeId: id }),
    response: z.strictObject({ threads: z.array(threadSchema) }),
  },
  'app:threads/create': {
    request: z.strictObject({ assistantNodeId: id, title: z.string().max(200).optional() }),
    response: z.strictObject({ thread: threadSchema }),
  },
  'app:threads/rename': {
    request: z.strictObject({ threadId: id, title: z.string().min(1).max(200) }),
    response: z.strictObject({ thread: threadSchema }),
  },
  'app:threads/delete': {
    request: z.strictObject({ threadId: id }),
    response: none,
  },
  'app:messages/list': {
    request: z.strictObject({ threadId: id }),
    response: z.strictObject({ messages: z.array(messageSchema) }),
  },
  'app:runs/create': {
    request: z.strictObject({
      project: projectValue,
      /** The project's file, for trust and for resolving its relative paths; null while unsaved. */
      projectPath: z.string().nullable(),
      assistantNodeId: id,
      threadId: id,
      message: z.string().max(1_000_000).nullable(),
      /** Files for the code interpreter, attached to the new message (needs a message). */
      attachments: z.array(attachmentUploadSchema).max(MAX_ATTACHMENTS).optional(),
      /** Nodes whose content is not reviewed yet: their handlers do not run, their Knowledge stays in the project folder. */
      unreviewed: unreviewedSchema.optional(),
    }),
    response: z.strictObject({ run: runSchema }),
  },
  'app:runs/list': {
    request: z.strictObject({ threadId: id }),
    response: z.strictObject({ runs: z.array(runSchema) }),
  },
  'app:runs/steps': {
    request: z.strictObject({ runId: id }),
    response: z.strictObject({ steps: z.array(runStepSchema) }),
  },
  'app:runs/cancel': {
    request: z.strictObject({ runId: id }),
    response: z.strictObject({ run: runSchema }),
  },
  'app:runs/submitToolOutputs': {
    request: z.strictObject({ runId: id, outputs: z.array(z.strictObject({ tool_call_id: id, output: z.string().max(1_000_000) })).min(1) }),
    response: z.strictObject({ run: runSchema }),
  },
  'app:handlers/test': {
    request: z.strictObject({
      project: projectValue,
      projectPath: z.string().nullable(),
      nodeId: id,
      args: z.unknown().optional(),
      unreviewed: unreviewedSchema.optional(),
    }),
    response: handlerTestResultSchema,
  },
  'app:trust/get': {
    request: z.strictObject({ path: z.string().nullable() }),
    response: z.strictObject({ trusted: z.boolean() }),
  },
  /** Every piece of content that needs trust (handler code, outside Knowledge paths), compared with what was trusted. */
  'app:trust/review': {
    request: z.strictObject({ path: z.string().nullable(), project: projectValue }),
    response: z.strictObject({ trusted: z.boolean(), items: z.array(reviewedItemSchema) }),
  },
  /** Trusts the project's file with the content the user reviewed (`project`); null: an unsaved project, nothing to keep. */
  'app:trust/grant': {
    request: z.strictObject({ path: z.string().min(1).nullable(), project: projectValue }),
    response: z.strictObject({ trusted: z.boolean() }),
  },
  'app:models/list': {
    request: z.strictObject({ providerId: id }),
    response: z.strictObject({ models: z.array(z.string()) }),
  },
} as const;
