import { z } from 'zod';
import { runErrorSchema, usageSchema } from './objects.ts';

/** What went wrong inside a tool call, as the timeline shows it (ours; v2 has no such field). */
export const toolCallErrorSchema = z.strictObject({ code: z.string(), message: z.string() });

/** A function call; `logs`, `duration_ms`, `error` and `node_id` are ours, for the run steps timeline. */
const functionToolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string(), arguments: z.string(), output: z.string().nullable() }),
  node_id: z.string().nullable(),
  logs: z.array(z.string()),
  duration_ms: z.number().nullable(),
  error: toolCallErrorSchema.nullable(),
});
export type FunctionToolCall = z.infer<typeof functionToolCallSchema>;

const fileSearchToolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal('file_search'),
  file_search: z.strictObject({
    ranking_options: z.strictObject({ ranker: z.string(), score_threshold: z.number() }).optional(),
    results: z
      .array(
        z.strictObject({
          file_id: z.string(),
          file_name: z.string(),
          score: z.number(),
          content: z.array(z.strictObject({ type: z.literal('text'), text: z.string() })).optional(),
          /** Ours: the passage, for `fileSearch.chunk` (what a citation opens). */
          chunk_id: z.string().optional(),
        }),
      )
      .optional(),
    /** Ours: what the model searched for. */
    query: z.string().optional(),
    /** Ours: every query of an OpenAI-hosted search (it may run several for one call). */
    queries: z.array(z.string()).optional(),
    /** Ours: Knowledge paths or files that could not be indexed for this search (the others were). */
    problems: z.array(z.strictObject({ node_id: z.string(), path: z.string(), message: z.string() })).optional(),
  }),
  node_id: z.string().nullable(),
  duration_ms: z.number().nullable(),
  error: toolCallErrorSchema.nullable(),
});
export type FileSearchToolCall = z.infer<typeof fileSearchToolCallSchema>;

const codeInterpreterToolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal('code_interpreter'),
  code_interpreter: z.strictObject({
    input: z.string(),
    outputs: z.array(
      z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('logs'), logs: z.string() }),
        z.strictObject({ type: z.literal('image'), image: z.strictObject({ file_id: z.string() }) }),
      ]),
    ),
    /** Ours: files the code wrote, stored as runtime files (`path` is where the code saw them, e.g. `/mnt/data/out.csv`). */
    files: z.array(z.strictObject({ file_id: z.string(), name: z.string(), path: z.string() })).optional(),
    /** Ours: Knowledge paths that could not be copied into the working directory (the others were). */
    problems: z.array(z.strictObject({ node_id: z.string(), path: z.string(), message: z.string() })).optional(),
    /** Ours: how the code was confined when it ran locally; `none` is the opt-in unsandboxed mode. */
    sandbox: z.enum(['bubblewrap', 'sandbox-exec', 'none']).optional(),
  }),
  node_id: z.string().nullable(),
  duration_ms: z.number().nullable(),
  error: toolCallErrorSchema.nullable(),
});
export type CodeInterpreterToolCall = z.infer<typeof codeInterpreterToolCallSchema>;

export const toolCallSchema = z.discriminatedUnion('type', [functionToolCallSchema, fileSearchToolCallSchema, codeInterpreterToolCallSchema]);
export type ToolCall = z.infer<typeof toolCallSchema>;

/** The tool types a run can call; each has one driver in the runtime (electron/engine/tools) and one call view in the window. */
export type ToolType = ToolCall['type'];
/** The recorded call of one tool type. */
export type ToolCallOf<T extends ToolType> = Extract<ToolCall, { type: T }>;
const TOOL_TYPE_FLAGS = { function: true, file_search: true, code_interpreter: true } satisfies { [T in ToolType]: true };
/** Every tool type, in the order tools are listed; the check above makes a missing one a compile error. */
export const TOOL_TYPES = Object.keys(TOOL_TYPE_FLAGS) as [ToolType, ...ToolType[]];
/** A tool type, as wire formats name it. */
export const toolTypeSchema = z.enum(TOOL_TYPES);

const stepDetailsSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message_creation'), message_creation: z.strictObject({ message_id: z.string() }) }),
  z.strictObject({ type: z.literal('tool_calls'), tool_calls: z.array(toolCallSchema) }),
]);

const STEP_STATUSES = ['in_progress', 'cancelled', 'failed', 'completed', 'expired'] as const;

/** A run step (Assistants `RunStepObject`). */
export const runStepSchema = z.strictObject({
  id: z.string().startsWith('step_'),
  object: z.literal('thread.run.step'),
  created_at: z.number().int(),
  assistant_id: z.string(),
  thread_id: z.string(),
  run_id: z.string(),
  type: z.enum(['message_creation', 'tool_calls']),
  status: z.enum(STEP_STATUSES),
  step_details: stepDetailsSchema,
  last_error: runErrorSchema.nullable(),
  expired_at: z.number().int().nullable(),
  cancelled_at: z.number().int().nullable(),
  failed_at: z.number().int().nullable(),
  completed_at: z.number().int().nullable(),
  metadata: z.record(z.string(), z.string()),
  usage: usageSchema.nullable(),
});
export type RunStep = z.infer<typeof runStepSchema>;
