export { createRuntime } from './runtime.ts';
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
} from './types.ts';
export { DEFAULT_PRICES, estimateCost, type PriceTable } from './cost.ts';
