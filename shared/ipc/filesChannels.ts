import { z } from 'zod';
import { unreviewedSchema } from './trust.ts';
import { edgeSchema, rawNodeSchema } from '../graph/project.ts';

const projectValue = z.unknown().describe('Project; checked by parseProjectFile on the main side');
const id = z.string().min(1).max(200);
const absolutePath = z.string().min(1).max(4096);

/** Largest file `app:files/content` returns inline (an image in the chat, a preview); bigger ones are saved instead. */
export const MAX_INLINE_FILE_BYTES = 20 * 1024 * 1024;

/** Most bytes (before base64) of one message's attachments together; keeps a request under the web host's body limit. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Most attachments on one message. */
export const MAX_ATTACHMENTS = 10;

/** A file the user attached to a message, as base64 (checked and decoded on the main side). */
export const attachmentUploadSchema = z.strictObject({
  filename: z.string().min(1).max(255),
  /** base64 of the bytes; the size limit is checked on the decoded bytes. */
  bytes: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4),
});
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;

/** The formats an assistant exports to (the engine's EXPORT_FORMATS is this list). */
export const EXPORT_FORMAT_IDS = [
  'typescript',
  'python',
  'agents-typescript',
  'agents-python',
  'assistants-typescript',
  'assistants-python',
  'json',
  'curl',
] as const;
const exportFormatSchema = z.enum(EXPORT_FORMAT_IDS);

/** A passage a `file_citation` annotation points at. */
const citedPassageSchema = z.strictObject({
  chunkId: z.string(),
  fileId: z.string(),
  fileName: z.string(),
  /** The file's path relative to the project folder. */
  path: z.string(),
  text: z.string(),
  charStart: z.number().int(),
  charEnd: z.number().int(),
});

/** A Knowledge file or path that could not be indexed, shown on its Knowledge node and in the problems list. */
const knowledgeProblemSchema = z.strictObject({ nodeId: z.string(), path: z.string(), message: z.string() });

/** What syncing a File Search node's Knowledge into its local store did. */
const knowledgeReportSchema = z.strictObject({
  added: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
  chunksWritten: z.number().int(),
  cancelled: z.boolean(),
  durationMs: z.number(),
  problems: z.array(knowledgeProblemSchema),
});
export type KnowledgeReport = z.infer<typeof knowledgeReportSchema>;

/** The Python the code interpreter will use, its scientific packages, hints to fix what is missing, and the sandbox. */
const pythonInspectionSchema = z.strictObject({
  path: z.string().nullable(),
  executable: z.string().nullable(),
  version: z.string().nullable(),
  packages: z.strictObject({ numpy: z.boolean(), pandas: z.boolean(), matplotlib: z.boolean() }),
  hints: z.array(z.string()),
  sandbox: z.strictObject({ kind: z.enum(['bubblewrap', 'sandbox-exec', 'none']), available: z.boolean(), detail: z.string() }),
  candidates: z.array(z.strictObject({ path: z.string(), version: z.string().nullable(), problem: z.string().nullable() })),
});
export type PythonInspection = z.infer<typeof pythonInspectionSchema>;

const exportTarget = { project: projectValue, projectPath: z.string().nullable(), assistantNodeId: id, format: exportFormatSchema };

/**
 * Channels for the runtime's files, cited passages, Knowledge indexing, the Python status, native
 * file and folder pickers, export and import. Merged into CHANNELS.
 */
export const FILES_CHANNELS = {
  'app:files/content': {
    request: z.strictObject({ fileId: id }),
    response: z.strictObject({ filename: z.string(), mime: z.string(), bytes: z.string().describe('base64'), size: z.number().int() }),
  },
  'app:files/save': {
    request: z.strictObject({ fileId: id, path: absolutePath }),
    response: z.strictObject({ path: z.string() }),
  },
  'app:dialog/saveFile': {
    request: z.strictObject({ suggestedName: z.string().max(255) }),
    response: z.strictObject({ path: z.string().nullable() }),
  },
  'app:dialog/chooseFolder': {
    request: z.strictObject({}),
    response: z.strictObject({ path: z.string().nullable() }),
  },
  'app:fileSearch/chunk': {
    request: z.strictObject({ chunkId: id }),
    response: citedPassageSchema,
  },
  /**
   * Deletes the OpenAI vector store and uploaded files the app made for a File Search node (offered
   * when the node is removed). `providerId` is the provider its runs used: the project's.
   */
  'app:fileSearch/deleteRemote': {
    request: z.strictObject({ nodeId: id, providerId: z.string().min(1).max(40) }),
    response: z.strictObject({}),
  },
  'app:knowledge/sync': {
    request: z.strictObject({ project: projectValue, projectPath: z.string().nullable(), nodeId: id, unreviewed: unreviewedSchema.optional() }),
    response: z.strictObject({ report: knowledgeReportSchema }),
  },
  'app:knowledge/cancel': {
    request: z.strictObject({ nodeId: id }),
    response: z.strictObject({ cancelled: z.boolean() }),
  },
  'app:python/inspect': {
    request: z.strictObject({}),
    response: pythonInspectionSchema,
  },
  'app:export/formats': {
    request: z.strictObject({}),
    response: z.strictObject({ formats: z.array(z.strictObject({ id: exportFormatSchema, label: z.string() })) }),
  },
  'app:export/preview': {
    request: z.strictObject(exportTarget),
    response: z.strictObject({ files: z.array(z.strictObject({ path: z.string(), content: z.string() })), primary: z.string(), warnings: z.array(z.string()) }),
  },
  'app:export/save': {
    request: z.strictObject({ ...exportTarget, dir: absolutePath }),
    response: z.strictObject({ dir: z.string(), files: z.array(z.string()), warnings: z.array(z.string()) }),
  },
  'app:import/definition': {
    request: z.strictObject({
      text: z.string().max(5_000_000),
      origin: z.strictObject({ x: z.number().finite(), y: z.number().finite() }).optional(),
      /** Objects from the app's own Assistants API server: node ids follow the assistant ids, tools run locally. */
      servedByStudio: z.boolean().optional(),
    }),
    response: z.strictObject({
      nodes: z.array(rawNodeSchema),
      edges: z.array(edgeSchema),
      report: z.strictObject({
        source: z.enum(['studio', 'assistants-api']),
        assistants: z.array(z.strictObject({ name: z.string(), nodeId: z.string() })),
        notes: z.array(z.string()),
      }),
    }),
  },
} as const;
