export { createRuntime } from './runtime.ts';
export type { CitedPassage, FileContent, MessageAttachment, Runtime, RuntimeDeps, RunCreateRequest, RuntimeLog, ToolOutputSubmission } from './types.ts';
export { DEFAULT_PRICES, estimateCost, type PriceTable } from './cost.ts';
