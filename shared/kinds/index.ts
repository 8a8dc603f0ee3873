import { NODE_KINDS, type KindDefinition, type NodeKind } from './kind.ts';
import { assistantKind, type AssistantData } from './assistant.ts';
import { fileSearchKind, type FileSearchData } from './fileSearch.ts';
import { knowledgeKind, type KnowledgeData } from './knowledge.ts';
import { codeInterpreterKind, type CodeInterpreterData } from './codeInterpreter.ts';
import { functionKind, type FunctionData } from './function.ts';
import { noteKind, type NoteData } from './note.ts';

export * from './kind.ts';
export type { AssistantData, FunctionData };

/** The data type of each node kind. */
export interface KindDataMap {
  assistant: AssistantData;
  fileSearch: FileSearchData;
  knowledge: KnowledgeData;
  codeInterpreter: CodeInterpreterData;
  function: FunctionData;
  note: NoteData;
}

/** Every kind's definition; the mapped type makes a missing kind a compile error. */
export const KINDS: { [K in NodeKind]: KindDefinition<K, KindDataMap[K]> } = {
  assistant: assistantKind,
  fileSearch: fileSearchKind,
  knowledge: knowledgeKind,
  codeInterpreter: codeInterpreterKind,
  function: functionKind,
  note: noteKind,
};

/** The definition of a kind, typed loosely for generic code (renderers, validators). */
export function kindOf(kind: NodeKind): KindDefinition<NodeKind, Readonly<Record<string, unknown>>> {
  return KINDS[kind] as unknown as KindDefinition<NodeKind, Readonly<Record<string, unknown>>>;
}

/** Where each kind stands in the palette, first to last; the mapped type makes a missing kind a compile error. */
const PALETTE_POSITION: { readonly [K in NodeKind]: number } = {
  assistant: 1,
  function: 2,
  fileSearch: 3,
  knowledge: 4,
  codeInterpreter: 5,
  note: 6,
};

/** Every kind in palette order. */
export const PALETTE_ORDER: readonly NodeKind[] = [...NODE_KINDS].sort((a, b) => PALETTE_POSITION[a] - PALETTE_POSITION[b]);
