// Request bodies of the Assistants API, mirroring openai-openapi.yaml: its names, types and limits.
// Top-level bodies reject unknown fields (the spec's additionalProperties: false); nested objects, whose
// schemas allow more, ignore them.
import { z } from 'zod';

/** `Metadata`: at most 16 pairs, keys up to 64 characters, string values up to 512. */
const metadataSchema = z
  .record(z.string().max(64), z.string().max(512))
  .refine((value) => Object.keys(value).length <= 16, { message: 'at most 16 key-value pairs are allowed' })
  .nullable();

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

const rankingOptions = z.object({ ranker: z.enum(['auto', 'default_2024_08_21']).optional(), score_threshold: z.number().min(0).max(1) });

const toolSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('code_interpreter') }),
  z.object({
    type: z.literal('file_search'),
    file_search: z.object({ max_num_results: z.number().int().min(1).max(50).optional(), ranking_options: rankingOptions.optional() }).optional(),
  }),
  z.object({
    type: z.literal('function'),
    function: z.object({
      name: z.string().regex(FUNCTION_NAME, { message: `must match the pattern ${FUNCTION_NAME.source}` }),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const chunkingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto') }),
  z.object({
    type: z.literal('static'),
    static: z
      .object({ max_chunk_size_tokens: z.number().int().min(100).max(4096), chunk_overlap_tokens: z.number().int().min(0) })
      .refine((s) => s.chunk_overlap_tokens <= s.max_chunk_size_tokens / 2, { message: 'chunk_overlap_tokens must be at most half of max_chunk_size_tokens' }),
  }),
]);

const codeInterpreterResources = z.object({ file_ids: z.array(z.string()).max(20).optional() });

/** `tool_resources` as modify requests and thread-and-run take them: ids only. */
const toolResourcesSchema = z.object({
  code_interpreter: codeInterpreterResources.optional(),
  file_search: z.object({ vector_store_ids: z.array(z.string()).max(1).optional() }).optional(),
});
/** `tool_resources` as create requests take them: a vector store may also be made from files. */
const toolResourcesCreateSchema = z.object({
  code_interpreter: codeInterpreterResources.optional(),
  file_search: z
    .object({
      vector_store_ids: z.array(z.string()).max(1).optional(),
      vector_stores: z
        .array(
          z.object({ file_ids: z.array(z.string()).max(10_000).optional(), chunking_strategy: chunkingSchema.optional(), metadata: metadataSchema.optional() }),
        )
        .max(1)
        .optional(),
    })
    .refine((fs) => !(fs.vector_store_ids?.length && fs.vector_stores?.length), { message: 'give vector_store_ids or vector_stores, not both' })
    .optional(),
});
export type ToolResourcesRequest = z.infer<typeof toolResourcesCreateSchema>;

const responseFormatSchema = z.union([
  z.literal('auto'),
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().regex(FUNCTION_NAME, { message: `must match the pattern ${FUNCTION_NAME.source}` }),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z
    .object({ type: z.enum(['function', 'code_interpreter', 'file_search']), function: z.object({ name: z.string() }).optional() })
    .refine((c) => c.type !== 'function' || c.function !== undefined, { message: 'a function tool choice needs function.name', path: ['function'] }),
]);
export type ToolChoiceRequest = z.infer<typeof toolChoiceSchema>;

const truncationSchema = z
  .object({ type: z.enum(['auto', 'last_messages']), last_messages: z.number().int().min(1).nullable().optional() })
  .refine((t) => t.type !== 'last_messages' || typeof t.last_messages === 'number', {
    message: 'last_messages is required when type is last_messages',
    path: ['last_messages'],
  });

const detail = z.enum(['auto', 'low', 'high']).optional();
const contentPartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_file'), image_file: z.object({ file_id: z.string(), detail }) }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string(), detail }) }),
]);

const attachmentSchema = z.object({
  file_id: z.string(),
  tools: z.array(z.discriminatedUnion('type', [z.object({ type: z.literal('code_interpreter') }), z.object({ type: z.literal('file_search') })])),
});

export const createMessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentPartSchema).min(1)]),
  attachments: z.array(attachmentSchema).nullable().optional(),
  metadata: metadataSchema.optional(),
});
export type CreateMessageRequest = z.infer<typeof createMessageSchema>;

export const createThreadSchema = z.strictObject({
  messages: z.array(createMessageSchema).optional(),
  tool_resources: toolResourcesCreateSchema.nullable().optional(),
  metadata: metadataSchema.optional(),
});
export type CreateThreadRequest = z.infer<typeof createThreadSchema>;

const nullableNumber = (min: number, max: number) => z.number().min(min).max(max).nullable().optional();
const tokenLimit = z.number().int().min(256).nullable().optional();
const reasoningEffort = z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max']).nullable().optional();

/** What a run may override of its assistant (shared by runs.create and threads.createAndRun). */
const runFields = {
  assistant_id: z.string(),
  model: z.string().nullable().optional(),
  reasoning_effort: reasoningEffort,
  instructions: z.string().nullable().optional(),
  tools: z.array(toolSchema).max(20).nullable().optional(),
  metadata: metadataSchema.optional(),
  temperature: nullableNumber(0, 2),
  top_p: nullableNumber(0, 1),
  stream: z.boolean().nullable().optional(),
  max_prompt_tokens: tokenLimit,
  max_completion_tokens: tokenLimit,
  truncation_strategy: truncationSchema.nullable().optional(),
  tool_choice: toolChoiceSchema.nullable().optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.nullable().optional(),
};

export const createRunSchema = z.strictObject({
  ...runFields,
  additional_instructions: z.string().nullable().optional(),
  additional_messages: z.array(createMessageSchema).nullable().optional(),
});
type CreateRunRequest = z.infer<typeof createRunSchema>;

export const createThreadAndRunSchema = z.strictObject({
  ...runFields,
  thread: createThreadSchema.optional(),
  tool_resources: toolResourcesSchema.nullable().optional(),
});

/** The overrides of a run, whichever of the two requests made it. */
export type RunOverrides = Omit<CreateRunRequest, 'assistant_id' | 'stream' | 'metadata' | 'additional_messages'>;

export const submitToolOutputsSchema = z.strictObject({
  tool_outputs: z.array(z.object({ tool_call_id: z.string(), output: z.string() })),
  stream: z.boolean().nullable().optional(),
});

export const modifyMetadataSchema = z.strictObject({ metadata: metadataSchema.optional() });

const assistantFields = {
  model: z.string().min(1),
  name: z.string().max(256).nullable().optional(),
  description: z.string().max(512).nullable().optional(),
  instructions: z.string().max(256_000).nullable().optional(),
  reasoning_effort: reasoningEffort,
  tools: z.array(toolSchema).max(128).optional(),
  metadata: metadataSchema.optional(),
  temperature: nullableNumber(0, 2),
  top_p: nullableNumber(0, 1),
  response_format: responseFormatSchema.nullable().optional(),
};

export const createAssistantSchema = z.strictObject({ ...assistantFields, tool_resources: toolResourcesCreateSchema.nullable().optional() });

export const modifyAssistantSchema = z.strictObject({
  ...assistantFields,
  model: assistantFields.model.optional(),
  tool_resources: toolResourcesSchema.nullable().optional(),
});
export type ModifyAssistantRequest = z.infer<typeof modifyAssistantSchema>;

export const modifyThreadSchema = z.strictObject({ tool_resources: toolResourcesSchema.nullable().optional(), metadata: metadataSchema.optional() });
