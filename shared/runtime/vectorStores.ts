import { z } from 'zod';

// Vector stores as Assistants v2 shows them (the OpenAPI `VectorStoreObject`, `VectorStoreFileObject` and
// `VectorStoreFileBatchObject`), with nothing of ours added: the local ones must read exactly as OpenAI's.

const unixSeconds = z.number().int();

/** Up to 16 string pairs, as every Assistants object's `metadata`. */
const vectorStoreMetadataSchema = z.record(z.string(), z.string());

/** Values a vector store file's `attributes` may hold (and search filters compare against). */
const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type AttributeValue = z.infer<typeof attributeValueSchema>;
const attributesSchema = z.record(z.string(), attributeValueSchema);
export type Attributes = z.infer<typeof attributesSchema>;

export const VECTOR_STORE_FILE_STATUSES = ['in_progress', 'completed', 'cancelled', 'failed'] as const;
export type VectorStoreFileStatus = (typeof VECTOR_STORE_FILE_STATUSES)[number];

/** Files of a store or a batch per status. */
const fileCountsSchema = z.strictObject({
  in_progress: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type FileCounts = z.infer<typeof fileCountsSchema>;

/** When a store expires: `days` after it was last used. */
const expiresAfterSchema = z.strictObject({ anchor: z.literal('last_active_at'), days: z.number().int() });
export type ExpiresAfter = z.infer<typeof expiresAfterSchema>;

export const vectorStoreSchema = z.strictObject({
  id: z.string().startsWith('vs_'),
  object: z.literal('vector_store'),
  created_at: unixSeconds,
  name: z.string(),
  usage_bytes: z.number().int(),
  file_counts: fileCountsSchema,
  status: z.enum(['expired', 'in_progress', 'completed']),
  /** Absent when the store never expires (the API leaves it out rather than sending null). */
  expires_after: expiresAfterSchema.optional(),
  expires_at: unixSeconds.nullable(),
  last_active_at: unixSeconds.nullable(),
  metadata: vectorStoreMetadataSchema,
});
export type VectorStore = z.infer<typeof vectorStoreSchema>;

/** How a file was chunked, as responses show it (`auto` is shown as the static sizes it stands for). */
const chunkingStrategySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('static'),
    static: z.strictObject({ max_chunk_size_tokens: z.number().int(), chunk_overlap_tokens: z.number().int() }),
  }),
  z.strictObject({ type: z.literal('other') }),
]);
export type ChunkingStrategyObject = z.infer<typeof chunkingStrategySchema>;

const VECTOR_STORE_FILE_ERROR_CODES = ['server_error', 'unsupported_file', 'invalid_file'] as const;

/** A file attached to a vector store; its id is the file's (`file-…`), so the same id can be in several stores. */
export const vectorStoreFileSchema = z.strictObject({
  id: z.string(),
  object: z.literal('vector_store.file'),
  usage_bytes: z.number().int(),
  created_at: unixSeconds,
  vector_store_id: z.string(),
  status: z.enum(VECTOR_STORE_FILE_STATUSES),
  last_error: z.strictObject({ code: z.enum(VECTOR_STORE_FILE_ERROR_CODES), message: z.string() }).nullable(),
  chunking_strategy: chunkingStrategySchema,
  attributes: attributesSchema.nullable(),
});
export type VectorStoreFile = z.infer<typeof vectorStoreFileSchema>;
export type VectorStoreFileError = NonNullable<VectorStoreFile['last_error']>;

export const vectorStoreFileBatchSchema = z.strictObject({
  id: z.string().startsWith('vsfb_'),
  object: z.literal('vector_store.files_batch'),
  created_at: unixSeconds,
  vector_store_id: z.string(),
  status: z.enum(['in_progress', 'completed', 'cancelled', 'failed']),
  file_counts: fileCountsSchema,
});
export type VectorStoreFileBatch = z.infer<typeof vectorStoreFileBatchSchema>;

/** One passage a vector store search found. */
const vectorStoreSearchResultSchema = z.strictObject({
  file_id: z.string(),
  filename: z.string(),
  score: z.number().min(0).max(1),
  attributes: attributesSchema.nullable(),
  content: z.array(z.strictObject({ type: z.literal('text'), text: z.string() })),
});
export type VectorStoreSearchResult = z.infer<typeof vectorStoreSearchResultSchema>;

export const vectorStoreSearchResultsPageSchema = z.strictObject({
  object: z.literal('vector_store.search_results.page'),
  search_query: z.array(z.string()),
  data: z.array(vectorStoreSearchResultSchema),
  has_more: z.boolean(),
  next_page: z.string().nullable(),
});
export type VectorStoreSearchResultsPage = z.infer<typeof vectorStoreSearchResultsPageSchema>;
