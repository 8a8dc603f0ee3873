import type { ToolCallOf, ToolType } from '../../../shared/runtime/steps.ts';

/** What every call starts with, whatever its tool type. */
export interface CallCommon {
  id: string;
  node_id: null;
  duration_ms: null;
  error: null;
}

/**
 * The call of each tool type as its first step delta creates it, before anything streamed in;
 * the mapped type makes a missing tool type a compile error. Kept apart from the views (index.ts):
 * the run fold builds calls without React, and the views read the run store, which imports the fold.
 */
export const EMPTY_CALLS: { [T in ToolType]: (common: CallCommon) => ToolCallOf<T> } = {
  function: (common) => ({ ...common, type: 'function', function: { name: '', arguments: '', output: null }, logs: [] }),
  file_search: (common) => ({ ...common, type: 'file_search', file_search: {} }),
  code_interpreter: (common) => ({ ...common, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } }),
};
