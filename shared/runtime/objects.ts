import { z } from 'zod';

// Several ids are made per model turn, so they must be cheap: a random 64-bit session part drawn
// once per process (from the platform CSPRNG) plus a counter. Unique across restarts because each
// process draws a new session part; ids carry no meaning beyond identity.
const session = Array.from(globalThis.crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(16).padStart(8, '0')).join('');
let counter = 0;
const uid = (prefix: string): string => `${prefix}${session}${(counter++).toString(36).padStart(8, '0')}`;

/** New runtime ids with the Assistants v2 prefixes. */
export const newThreadId = (): string => uid('thread_');
export const newMessageId = (): string => uid('msg_');
export const newRunId = (): string => uid('run_');
export const newStepId = (): string => uid('step_');
export const newCallId = (): string => uid('call_');
/** An assistant made through the Assistants API (canvas assistants are `asst_<node id>`, see assistantIdOf). */
export const newAssistantId = (): string => uid('asst_');
export const newVectorStoreId = (): string => uid('vs_');
export const newFileBatchId = (): string => uid('vsfb_');

/** The assistant id of an Assistant node: stable, so runs of the same node group together. */
export const assistantIdOf = (nodeId: string): string => `asst_${nodeId}`;

const metadata = z.record(z.string(), z.string());
const unixSeconds = z.number().int();
const nullableTime = unixSeconds.nullable();

/** Token counts, as Assistants reports them per step and per run. */
export const usageSchema = z.strictObject({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});
export type Usage = z.infer<typeof usageSchema>;

/** Files and vector stores an assistant's or thread's tools use. */
const toolResourcesSchema = z.strictObject({
  code_interpreter: z.strictObject({ file_ids: z.array(z.string()) }).optional(),
  file_search: z.strictObject({ vector_store_ids: z.array(z.string()) }).optional(),
});
export type ToolResources = z.infer<typeof toolResourcesSchema>;

/** A thread: one conversation with one assistant (our `assistant_node_id` and `title` extend v2). */
export const threadSchema = z.strictObject({
  id: z.string().startsWith('thread_'),
  object: z.literal('thread'),
  created_at: unixSeconds,
  /** Files and vector stores the thread's tools use, beyond the assistant's own. */
  tool_resources: toolResourcesSchema.nullable(),
  metadata,
  /** The Assistant node whose thread list shows it; empty for a thread made through the Assistants API until its first run. */
  assistant_node_id: z.string(),
  title: z.string(),
});
export type Thread = z.infer<typeof threadSchema>;

/** A marker in a message's text; `file_citation.chunk_id` is ours: the cited passage, for the UI to open. */
const annotationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('file_citation'),
    text: z.string(),
    start_index: z.number().int(),
    end_index: z.number().int(),
    file_citation: z.strictObject({ file_id: z.string(), chunk_id: z.string().optional() }),
  }),
  z.strictObject({
    type: z.literal('file_path'),
    text: z.string(),
    start_index: z.number().int(),
    end_index: z.number().int(),
    file_path: z.strictObject({ file_id: z.string() }),
  }),
]);
export type Annotation = z.infer<typeof annotationSchema>;

const messageContentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), text: z.strictObject({ value: z.string(), annotations: z.array(annotationSchema) }) }),
  z.strictObject({ type: z.literal('image_file'), image_file: z.strictObject({ file_id: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }) }),
]);
export type MessageContent = z.infer<typeof messageContentSchema>;

const attachmentSchema = z.strictObject({
  file_id: z.string(),
  tools: z.array(z.strictObject({ type: z.enum(['code_interpreter', 'file_search']) })),
});

/** Why a message stopped before it was complete. */
export const MESSAGE_INCOMPLETE_REASONS = ['content_filter', 'max_tokens', 'run_cancelled', 'run_expired', 'run_failed'] as const;

export const messageSchema = z.strictObject({
  id: z.string().startsWith('msg_'),
  object: z.literal('thread.message'),
  created_at: unixSeconds,
  thread_id: z.string(),
  status: z.enum(['in_progress', 'incomplete', 'completed']),
  incomplete_details: z.strictObject({ reason: z.enum(MESSAGE_INCOMPLETE_REASONS) }).nullable(),
  completed_at: nullableTime,
  incomplete_at: nullableTime,
  role: z.enum(['user', 'assistant']),
  content: z.array(messageContentSchema),
  assistant_id: z.string().nullable(),
  run_id: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  metadata,
});
export type Message = z.infer<typeof messageSchema>;

/** A tool as the run offers it (Assistants `tools` entries). */
const runToolSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('code_interpreter') }),
  z.strictObject({
    type: z.literal('file_search'),
    file_search: z
      .strictObject({ max_num_results: z.number().int(), ranking_options: z.strictObject({ ranker: z.string(), score_threshold: z.number() }) })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('function'),
    function: z.strictObject({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional(), strict: z.boolean().optional() }),
  }),
]);
export type RunTool = z.infer<typeof runToolSchema>;

const RUN_STATUSES = ['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled', 'failed', 'completed', 'incomplete', 'expired'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
/** Statuses a run never leaves. */
const TERMINAL_RUN_STATUSES: readonly RunStatus[] = ['cancelled', 'failed', 'completed', 'incomplete', 'expired'];
export const isTerminalRunStatus = (status: RunStatus): boolean => TERMINAL_RUN_STATUSES.includes(status);

/**
 * Codes of a run's `last_error`: the three of Assistants v2, plus ours for failures it never had
 * (a crash of the app, a cut stream, a provider that rejects the key or the request).
 */
const RUN_ERROR_CODES = [
  'server_error',
  'rate_limit_exceeded',
  'invalid_prompt',
  'interrupted',
  'stream_interrupted',
  'authentication_failed',
  'invalid_request',
  'provider_unavailable',
] as const;
export type RunErrorCode = (typeof RUN_ERROR_CODES)[number];
export const runErrorSchema = z.strictObject({ code: z.enum(RUN_ERROR_CODES), message: z.string() });
export type RunError = z.infer<typeof runErrorSchema>;

/** Why a run ended `incomplete`; `max_tool_rounds` is ours (the cap on model ↔ tool round trips). */
const RUN_INCOMPLETE_REASONS = ['max_completion_tokens', 'max_prompt_tokens', 'max_tool_rounds'] as const;

const requiredToolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string(), arguments: z.string() }),
});

export const runSchema = z.strictObject({
  id: z.string().startsWith('run_'),
  object: z.literal('thread.run'),
  created_at: unixSeconds,
  thread_id: z.string(),
  assistant_id: z.string(),
  status: z.enum(RUN_STATUSES),
  required_action: z
    .strictObject({
      type: z.literal('submit_tool_outputs'),
      submit_tool_outputs: z.strictObject({ tool_calls: z.array(requiredToolCallSchema) }),
    })
    .nullable(),
  last_error: runErrorSchema.nullable(),
  expires_at: nullableTime,
  started_at: nullableTime,
  cancelled_at: nullableTime,
  failed_at: nullableTime,
  completed_at: nullableTime,
  incomplete_details: z.strictObject({ reason: z.enum(RUN_INCOMPLETE_REASONS) }).nullable(),
  model: z.string(),
  instructions: z.string(),
  tools: z.array(runToolSchema),
  metadata,
  usage: usageSchema.nullable(),
  temperature: z.number().nullable(),
  top_p: z.number().nullable(),
  max_prompt_tokens: z.number().int().nullable(),
  max_completion_tokens: z.number().int().nullable(),
  truncation_strategy: z.strictObject({ type: z.enum(['auto', 'last_messages']), last_messages: z.number().int().nullable() }),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.strictObject({ type: z.literal('function'), function: z.strictObject({ name: z.string() }) })]),
  parallel_tool_calls: z.boolean(),
  response_format: z.union([
    z.literal('auto'),
    z.strictObject({ type: z.enum(['text', 'json_object']) }),
    z.strictObject({ type: z.literal('json_schema'), json_schema: z.strictObject({ name: z.string(), schema: z.unknown(), strict: z.boolean() }) }),
  ]),
  /** Ours: the Assistant node the run was compiled from, the provider it ran on and its estimated cost in USD. */
  assistant_node_id: z.string(),
  provider_id: z.string(),
  estimated_cost: z.number().nullable(),
});
export type Run = z.infer<typeof runSchema>;

/** A file known to the runtime (OpenAI `OpenAIFile` shape); `path` is ours: where the bytes live locally. */
const fileObjectSchema = z.strictObject({
  id: z.string().startsWith('file-'),
  object: z.literal('file'),
  bytes: z.number().int(),
  created_at: unixSeconds,
  filename: z.string(),
  purpose: z.string(),
  path: z.string().nullable(),
});
export type FileObject = z.infer<typeof fileObjectSchema>;
export const newFileId = (): string => uid('file-');

/** What an Assistants API client sets as an assistant's `response_format`. */
const assistantResponseFormatSchema = z.union([
  z.literal('auto'),
  z.strictObject({ type: z.literal('text') }),
  z.strictObject({ type: z.literal('json_object') }),
  z.strictObject({
    type: z.literal('json_schema'),
    json_schema: z.strictObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);
export type AssistantResponseFormat = z.infer<typeof assistantResponseFormatSchema>;

/** An assistant made through the Assistants API (`AssistantObject`), kept by the runtime beside the canvas's. */
export const assistantObjectSchema = z.strictObject({
  id: z.string().startsWith('asst_'),
  object: z.literal('assistant'),
  created_at: unixSeconds,
  name: z.string().nullable(),
  description: z.string().nullable(),
  model: z.string(),
  instructions: z.string().nullable(),
  tools: z.array(runToolSchema),
  tool_resources: toolResourcesSchema.nullable(),
  metadata,
  temperature: z.number().nullable(),
  top_p: z.number().nullable(),
  response_format: assistantResponseFormatSchema.nullable(),
});
export type AssistantObject = z.infer<typeof assistantObjectSchema>;
