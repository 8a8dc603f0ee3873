import type { ComponentType } from 'react';
import type { ToolCallOf, ToolType } from '../../../shared/runtime/steps.ts';
import { CodeInterpreterCallBody } from './CodeInterpreterCallView.tsx';
import { FileSearchCallBody } from './FileSearchCallView.tsx';
import { FunctionCallBody, FunctionCallTitle } from './FunctionCallView.tsx';

/** How the steps timeline shows the calls of one tool type. */
export interface ToolCallUi<T extends ToolType> {
  /** The kind of call, first in the call's title. */
  kind: string;
  /** The call in its step's one-line summary. */
  name: (call: ToolCallOf<T>) => string;
  /** What follows the kind in the call's title, when there is more to say than the kind. */
  Title?: ComponentType<{ call: ToolCallOf<T> }>;
  /** Everything the call carries, between its title and its error and duration. */
  Body: ComponentType<{ call: ToolCallOf<T> }>;
}

/** The view of every tool type; the mapped type makes a missing one a compile error. */
const TOOL_CALL_UI: { [T in ToolType]: ToolCallUi<T> } = {
  function: { kind: 'Function', name: (call) => call.function.name, Title: FunctionCallTitle, Body: FunctionCallBody },
  file_search: { kind: 'File search', name: () => 'file search', Body: FileSearchCallBody },
  code_interpreter: { kind: 'Code interpreter', name: () => 'code interpreter', Body: CodeInterpreterCallBody },
};

/** The view of a call's tool type, typed for that call (indexing by a plain union would lose the link). */
export function toolCallUi<T extends ToolType>(call: ToolCallOf<T>): ToolCallUi<T> {
  return TOOL_CALL_UI[call.type];
}
