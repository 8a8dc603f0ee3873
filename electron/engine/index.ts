// The runtime library's whole public surface. The app's services (electron/backend), the hosts, the CLI and
// the benchmarks import only from here; test/boundaries.test.ts enforces it. What is not exported here is
// internal and may change without notice.

export { createRuntime, DEFAULT_PRICES, estimateCost, type PriceTable } from './runtime/index.ts';
export type {
  CitedPassage,
  CompiledAssistant,
  FileContent,
  FileUpload,
  MessageAttachment,
  MessageInput,
  ProjectAssistant,
  Runtime,
  RuntimeDeps,
  RunCreateRequest,
  RuntimeLog,
  ThreadInput,
  ToolOutputSubmission,
} from './runtime/index.ts';

export {
  compile,
  compileToolNode,
  type AssistantConfig,
  type CodeInterpreterToolConfig,
  type CompileResult,
  type FunctionToolConfig,
  type FileSearchToolConfig,
  type KnowledgeSource,
  type ToolCompileResult,
  type ToolConfig,
} from './compile/index.ts';
export { storeNameOf, UNSAVED_PROJECT } from './runtime/tools/fileSearch.ts';
export { describeToolCall, type CallDescription } from './tools/index.ts';

export { openStore, type Store, type StoreOptions } from './store/store.ts';
export { readRegular } from './regularFiles.ts';
export { privateDir, tightenFile } from './privateFiles.ts';

export { createProvider, createClient, type ModelProvider, type ProviderConnection } from './providers/index.ts';

export { openFileIndex, DEFAULT_MAX_FILE_BYTES, type FileIndex, type FileIndexOptions } from './fileSearch/fileIndex.ts';
export { createOpenAIEmbedder } from './fileSearch/embedder.ts';
export { syncKnowledge } from './fileSearch/knowledge.ts';
export { collectKnowledgeFiles, OUTSIDE_PROJECT, textSource } from './fileSearch/sources.ts';
export { contentTrust, FULL_TRUST, handlerMayRun, knowledgeReach, type ContentTrust, type KnowledgeReach } from './trust.ts';
export type { ChunkingStrategy, Embedder, FusionMethod, IndexProgress, IndexReport, SearchMode } from './fileSearch/types.ts';

export { createVectorStores } from './vectorStores/index.ts';
export type {
  AttributeFilter,
  BatchCreateParams,
  ChunkingStrategyParam,
  Deleted,
  FileCreateParams,
  FileListParams,
  FileUpdateParams,
  ListPage,
  ListParams,
  SearchParams,
  VectorStoreCreateParams,
  VectorStoreFileSource,
  VectorStoreService,
  VectorStoresDeps,
  VectorStoreUpdateParams,
} from './vectorStores/index.ts';

export {
  SessionManager,
  inspectPython,
  resolveEnvironment,
  type ExecutionResult,
  type InterpreterEnvironment,
  type SessionManagerOptions,
} from './codeInterpreter/index.ts';

export { createProcessRunner, type HandlerRunner, type ProcessRunnerOptions } from './handlers/index.ts';
export type { ChildJob, ChildMessage } from './handlers/protocol.ts';

export { EXPORT_FORMAT_LABELS, EXPORT_FORMATS, exportAssistant, exportReadsKnowledge, importDefinition } from './export/index.ts';
export type { ExportedFile, ExportFormat, ExportOptions, ExportResult, ImportOptions, ImportReport, ImportResult } from './export/index.ts';
