import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import type { NodeKind } from '../../../shared/kinds/index.ts';

/** Files a Knowledge node offers to the tool it is wired into. */
export interface KnowledgeSource {
  nodeId: string;
  title: string;
  /** Files, folders or globs relative to the project file. */
  paths: string[];
  fileTypes: string[];
}

/** A Function tool: what the model sees, and how the runtime answers a call. */
export interface FunctionToolConfig {
  type: 'function';
  nodeId: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  strict: boolean;
  mode: 'handler' | 'ask' | 'mock';
  /** TypeScript source of the handler module. */
  handler: string;
  timeoutMs: number;
  /** Whether the handler may reach the network through ctx.fetch. */
  network: boolean;
  mockOutput: string;
}

/** A File Search tool; a local index is searched by runtime/tools/fileSearch.ts, a hosted one is not run yet. */
export interface FileSearchToolConfig {
  type: 'file_search';
  nodeId: string;
  maxResults: number;
  ranker: string;
  scoreThreshold: number;
  chunking: { type: 'auto' } | { type: 'static'; maxChunkSizeTokens: number; chunkOverlapTokens: number };
  index: 'local' | 'openai';
  vectorStoreIds: string[];
  knowledge: KnowledgeSource[];
  /** Local index stores searched besides the node's own Knowledge store (an Assistants API assistant's vector stores). */
  stores: string[];
}

/** A Code Interpreter tool; a local sandbox runs in runtime/tools/codeInterpreter.ts, an OpenAI container is not run yet. */
export interface CodeInterpreterToolConfig {
  type: 'code_interpreter';
  nodeId: string;
  sandbox: 'local' | 'openai';
  timeLimitMs: number;
  memoryLimitMb: number;
  files: KnowledgeSource[];
  /** Runtime files placed in the working directory besides the Knowledge (an Assistants API assistant's `file_ids`). */
  fileIds: string[];
}

export type ToolConfig = FunctionToolConfig | FileSearchToolConfig | CodeInterpreterToolConfig;

export type ResponseFormatConfig =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: unknown; strict: boolean } };

export type ToolChoiceConfig = 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };

/** An Assistant node's own settings, before its tools are added. */
interface AssistantSettings {
  /** `asst_` + the node id. */
  id: string;
  nodeId: string;
  name: string;
  model: string;
  instructions: string;
  temperature: number | null;
  topP: number | null;
  responseFormat: ResponseFormatConfig;
  maxPromptTokens: number | null;
  maxCompletionTokens: number | null;
  truncation: { type: 'auto'; lastMessages: null } | { type: 'last_messages'; lastMessages: number };
  parallelToolCalls: boolean;
  toolChoice: ToolChoiceConfig;
  metadata: Record<string, string>;
}

/** The configuration a run executes: the assistant's settings and the tools wired into it. */
export interface AssistantConfig extends AssistantSettings {
  tools: ToolConfig[];
}

/** What each kind compiles to; `null` for kinds that never reach the model. */
export interface CompiledByKind {
  assistant: AssistantSettings;
  function: FunctionToolConfig;
  fileSearch: FileSearchToolConfig;
  codeInterpreter: CodeInterpreterToolConfig;
  knowledge: KnowledgeSource;
  note: null;
}

export interface CompileContext {
  project: Project;
  /** The compiled Knowledge nodes wired into the given node's knowledge/files input. */
  knowledgeInto(nodeId: string): KnowledgeSource[];
}

/** The compile step of one kind: pure, from the node's data to its part of the configuration. */
export type CompileStep<K extends NodeKind> = (node: GraphNode<K>, ctx: CompileContext) => CompiledByKind[K];
