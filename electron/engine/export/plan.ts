import type { AssistantConfig, FunctionToolConfig, KnowledgeSource } from '../compile/index.ts';

/** Files of one or more Knowledge nodes, as the exported code resolves them. */
export interface KnowledgeSpec {
  paths: string[];
  fileTypes: string[];
}

/** The single `file_search` tool of a Responses request (the API takes one per request). */
export interface FileSearchPlan {
  vectorStoreIds: string[];
  knowledge: KnowledgeSpec[];
  maxNumResults: number;
  rankingOptions: { ranker: 'auto' | 'default-2024-11-15'; score_threshold: number };
  chunking: { type: 'auto' } | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };
}

/** The single `code_interpreter` tool, with the files uploaded into its container. */
export interface CodeInterpreterPlan {
  files: KnowledgeSpec[];
}

/** Everything every generator needs: the compiled assistant in Responses API terms. */
export interface ExportPlan {
  name: string;
  model: string;
  instructions: string;
  /** Request parameters other than `instructions`, `input` and `tools`, in Responses API names. */
  settings: Record<string, unknown>;
  functions: FunctionToolConfig[];
  fileSearch: FileSearchPlan | null;
  codeInterpreter: CodeInterpreterPlan | null;
  warnings: string[];
}

const knowledgeSpecs = (sources: KnowledgeSource[]): KnowledgeSpec[] =>
  sources.filter((s) => s.paths.length > 0).map((s) => ({ paths: [...s.paths], fileTypes: [...s.fileTypes] }));

/** The Responses API `tools` entry of a function. */
export function functionTool(fn: FunctionToolConfig): Record<string, unknown> {
  return { type: 'function', name: fn.name, description: fn.description, parameters: fn.parameters, strict: fn.strict };
}

function requestSettings(config: AssistantConfig, warnings: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = { model: config.model };
  if (config.temperature !== null) settings.temperature = config.temperature;
  if (config.topP !== null) settings.top_p = config.topP;
  if (config.maxCompletionTokens !== null) settings.max_output_tokens = config.maxCompletionTokens;
  if (config.maxPromptTokens !== null) {
    warnings.push(`The Responses API has no limit on prompt tokens; "Max prompt tokens" (${config.maxPromptTokens}) is not exported.`);
  }
  if (config.truncation.type === 'last_messages') {
    warnings.push('The export sends one question, so "Truncation: last N messages" does not apply to it.');
  }
  const rf = config.responseFormat;
  if (rf.type === 'json_object') settings.text = { format: { type: 'json_object' } };
  if (rf.type === 'json_schema') {
    settings.text = { format: { type: 'json_schema', name: rf.json_schema.name, schema: rf.json_schema.schema, strict: rf.json_schema.strict } };
  }
  if (config.tools.length > 0) {
    settings.parallel_tool_calls = config.parallelToolCalls;
    const choice = config.toolChoice;
    settings.tool_choice = typeof choice === 'string' ? choice : { type: 'function', name: choice.function.name };
  }
  if (Object.keys(config.metadata).length > 0) settings.metadata = { ...config.metadata };
  return settings;
}

function fileSearchPlan(config: AssistantConfig, warnings: string[]): FileSearchPlan | null {
  const tools = config.tools.filter((t) => t.type === 'file_search');
  const first = tools[0];
  if (!first) return null;
  if (tools.length > 1) warnings.push(`The assistant has ${tools.length} File Search tools; the export merges them into one, with the first one's settings.`);
  if (first.ranker !== 'auto') {
    warnings.push(`The Responses API has no ranker "${first.ranker}"; the export uses its current fixed ranker "default-2024-11-15".`);
  }
  if (tools.some((t) => t.index === 'local')) {
    warnings.push('File Search uses a local index in the app; the exported code uploads the Knowledge files to an OpenAI vector store instead.');
  }
  return {
    vectorStoreIds: [...new Set(tools.flatMap((t) => t.vectorStoreIds))],
    knowledge: tools.flatMap((t) => knowledgeSpecs(t.knowledge)),
    maxNumResults: first.maxResults,
    rankingOptions: { ranker: first.ranker === 'auto' ? 'auto' : 'default-2024-11-15', score_threshold: first.scoreThreshold },
    chunking:
      first.chunking.type === 'static'
        ? { type: 'static', static: { max_chunk_size_tokens: first.chunking.maxChunkSizeTokens, chunk_overlap_tokens: first.chunking.chunkOverlapTokens } }
        : { type: 'auto' },
  };
}

function codeInterpreterPlan(config: AssistantConfig, warnings: string[]): CodeInterpreterPlan | null {
  const tools = config.tools.filter((t) => t.type === 'code_interpreter');
  if (tools.length === 0) return null;
  if (tools.some((t) => t.sandbox === 'local')) {
    warnings.push('Code Interpreter runs in a local sandbox in the app; the exported code uses an OpenAI container (time and memory limits do not apply).');
  }
  return { files: tools.flatMap((t) => knowledgeSpecs(t.files)) };
}

/** Whether the exported code reads Knowledge files (to upload them). */
export const usesKnowledgeFiles = (plan: ExportPlan): boolean =>
  (plan.fileSearch?.knowledge.length ?? 0) > 0 || (plan.codeInterpreter?.files.length ?? 0) > 0;

/** Turns the compiled assistant into what every export format is generated from. */
export function planExport(config: AssistantConfig): ExportPlan {
  const warnings: string[] = [];
  const functions = config.tools.filter((t): t is FunctionToolConfig => t.type === 'function');
  return {
    name: config.name || 'Assistant',
    model: config.model,
    instructions: config.instructions,
    settings: requestSettings(config, warnings),
    functions,
    fileSearch: fileSearchPlan(config, warnings),
    codeInterpreter: codeInterpreterPlan(config, warnings),
    warnings,
  };
}
