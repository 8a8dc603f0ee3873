// How the Code Interpreter exports: OpenAI's hosted code_interpreter tool, with the wired files uploaded
// into its container (Responses) or into the assistant's tool resources (Assistants).
import type { CodeInterpreterToolConfig } from '../../compile/types.ts';
import { pyValue, tsValue } from '../../export/literals.ts';
import { knowledgeSpecs, type CodePieces, type KnowledgeSpec, type PieceContext, type ToolExport } from '../../export/pieces.ts';
import { KNOWLEDGE_IMPORTS as PY_KNOWLEDGE_IMPORTS, knowledgeHelpers as pyKnowledgeHelpers, specs } from '../../export/python/knowledge.ts';
import { KNOWLEDGE_IMPORTS, knowledgeHelpers } from '../../export/typescript/knowledge.ts';

/** The single `code_interpreter` tool, with the files uploaded for it. */
export interface CodeInterpreterPart {
  files: KnowledgeSpec[];
}

const containerFileIds = (ci: CodeInterpreterPart): string => `/** Files uploaded into the Code Interpreter's container. */
async function containerFileIds(): Promise<string[]> {
  return uploadFiles(listFiles(${tsValue(ci.files, '  ')}), 'user_data');
}`;

// Assistants take the interpreter's files as the assistant's tool resources, uploaded for assistants.
const interpreterFileIds = (ci: CodeInterpreterPart): string => `/** Files the Code Interpreter can read (the assistant's tool resources). */
async function interpreterFileIds(): Promise<string[]> {
  return uploadFiles(listFiles(${tsValue(ci.files, '  ')}), 'assistants');
}`;

const pyContainerFileIds = (ci: CodeInterpreterPart): string => `def container_file_ids() -> list:
    """Files uploaded into the Code Interpreter's container."""
    return upload_files(list_files(${pyValue(specs(ci.files), '    ')}), "user_data")`;

const pyInterpreterFileIds = (ci: CodeInterpreterPart): string => `def interpreter_file_ids() -> list:
    """Files the Code Interpreter can read (the assistant's tool resources)."""
    return upload_files(list_files(${pyValue(specs(ci.files), '    ')}), "assistants")`;

/** The files' helpers in TypeScript, with the function that uploads them for the given API; nothing without files. */
const tsFiles = (ci: CodeInterpreterPart, ctx: PieceContext, upload: (ci: CodeInterpreterPart) => string): CodePieces =>
  ci.files.length === 0 ? {} : { imports: KNOWLEDGE_IMPORTS, blocks: [...knowledgeHelpers(ctx.knowledgeRoot), upload(ci)] };

const pyFiles = (ci: CodeInterpreterPart, ctx: PieceContext, upload: (ci: CodeInterpreterPart) => string): CodePieces =>
  ci.files.length === 0 ? {} : { imports: PY_KNOWLEDGE_IMPORTS, blocks: [...pyKnowledgeHelpers(ctx.knowledgeRoot), upload(ci)] };

export const codeInterpreterExport: ToolExport<CodeInterpreterToolConfig, CodeInterpreterPart> = {
  plan(tools) {
    const local = tools.some((t) => t.sandbox === 'local');
    const files = tools.flatMap((t) => knowledgeSpecs(t.files));
    return {
      part: { files },
      warnings: {
        responses: local
          ? ['Code Interpreter runs in a local sandbox in the app; the exported code uses an OpenAI container (time and memory limits do not apply).']
          : [],
        assistants: local
          ? ["Code Interpreter runs in a local sandbox in the app; the exported code uses the server's code interpreter (time and memory limits do not apply)."]
          : [],
      },
      names: [],
      readsKnowledge: files.length > 0,
    };
  },

  code: {
    typescript: (ci, ctx) => ({
      ...tsFiles(ci, ctx, containerFileIds),
      tools: [`    { type: 'code_interpreter', container: { type: 'auto'${ci.files.length > 0 ? ', file_ids: await containerFileIds()' : ''} } },`],
    }),
    'agents-typescript': (ci, ctx) => ({
      ...tsFiles(ci, ctx, containerFileIds),
      sdkImports: ['codeInterpreterTool'],
      tools: [`    codeInterpreterTool({ container: { type: 'auto'${ci.files.length > 0 ? ', file_ids: await containerFileIds()' : ''} } }),`],
    }),
    'assistants-typescript': (ci, ctx) => ({
      ...tsFiles(ci, ctx, interpreterFileIds),
      tools: ["  { type: 'code_interpreter' },"],
      resources: ci.files.length > 0 ? ['    code_interpreter: { file_ids: await interpreterFileIds() },'] : [],
    }),
    python: (ci, ctx) => ({
      ...pyFiles(ci, ctx, pyContainerFileIds),
      tools: [`        {"type": "code_interpreter", "container": {"type": "auto"${ci.files.length > 0 ? ', "file_ids": container_file_ids()' : ''}}},`],
    }),
    'agents-python': (ci, ctx) => ({
      ...pyFiles(ci, ctx, pyContainerFileIds),
      sdkImports: ['CodeInterpreterTool'],
      tools: [
        `            CodeInterpreterTool(tool_config={"type": "code_interpreter", "container": {"type": "auto"${ci.files.length > 0 ? ', "file_ids": container_file_ids()' : ''}}}),`,
      ],
    }),
    'assistants-python': (ci, ctx) => ({
      ...pyFiles(ci, ctx, pyInterpreterFileIds),
      tools: ['    {"type": "code_interpreter"},'],
      resources: ci.files.length > 0 ? ['        "code_interpreter": {"file_ids": interpreter_file_ids()},'] : [],
    }),
  },

  curl: (ci) => ({
    tools: [{ type: 'code_interpreter', container: { type: 'auto' } }],
    notes: ci.files.length > 0 ? ['The Code Interpreter files are not uploaded by this script.'] : [],
  }),
};
