// What one tool type contributes to each export format. A leaf: drivers implement it, generators assemble it.
import type { KnowledgeSource } from '../compile/types.ts';
import type { ExportedFile } from './types.ts';

/** Files of one or more Knowledge nodes, as the exported code resolves them. */
export interface KnowledgeSpec {
  paths: string[];
  fileTypes: string[];
}

/** The Knowledge sources that name any path, as the exported code takes them. */
export const knowledgeSpecs = (sources: readonly KnowledgeSource[]): KnowledgeSpec[] =>
  sources.filter((s) => s.paths.length > 0).map((s) => ({ paths: [...s.paths], fileTypes: [...s.fileTypes] }));

/** What every tool's part of a format may need to know about the export as a whole. */
export interface PieceContext {
  /** The assistant's name as the export titles it. */
  name: string;
  /** Where the exported code finds Knowledge files, relative to the exported folder. */
  knowledgeRoot: string;
  /** The identifier of each Function by its name, unique in the generated code (camelCase or snake_case). */
  identifiers: ReadonlyMap<string, string>;
}

/** A tool's part of a generated program (TypeScript or Python). Identical blocks or lines from several tools appear once. */
export interface CodePieces {
  /** Import lines of the standard library the part needs (Node built-ins; Python's `import x` and `from x import y`). */
  imports?: string[];
  /** Imports of the export's own files (TypeScript: handler modules), after the SDK's. */
  localImports?: string[];
  /** Names the part imports from the format's SDK package (`@openai/agents`, `agents`). */
  sdkImports?: string[];
  /** Top-level declarations, in order. */
  blocks?: string[];
  /** Entries of the program's tool list (expressions, or spreads of a declared list). */
  tools?: string[];
  /** Entries of the assistant's `tool_resources` (Assistants formats). */
  resources?: string[];
  /** Files beside the main file (e.g. handler modules). */
  files?: ExportedFile[];
  /** Whether the program answers the model's calls of this tool itself, so it needs the tool loop. */
  answersCalls?: boolean;
  /** A sentence for the README's Knowledge section. */
  knowledgeNote?: string;
  /** Sections appended to the README. */
  readme?: string[];
}

/** A tool's part of the cURL request. */
export interface CurlPieces {
  /** Entries of the request's `tools`; the string `VECTOR_STORE_PLACEHOLDER` stands for `$VECTOR_STORE_ID`. */
  tools: unknown[];
  /** Lines for the script's header comment. */
  notes: string[];
  /** Whether the request needs `VECTOR_STORE_ID`. */
  needsStore?: boolean;
}

/** Stands for the vector store made from the Knowledge files in the cURL request's JSON. */
export const VECTOR_STORE_PLACEHOLDER = '\u0000store\u0000';

/** A tool's part in each code format (methods, so that one registry type holds every tool's). */
interface CodeParts<P> {
  typescript(part: P, ctx: PieceContext): CodePieces;
  'agents-typescript'(part: P, ctx: PieceContext): CodePieces;
  'assistants-typescript'(part: P, ctx: PieceContext): CodePieces;
  python(part: P, ctx: PieceContext): CodePieces;
  'agents-python'(part: P, ctx: PieceContext): CodePieces;
  'assistants-python'(part: P, ctx: PieceContext): CodePieces;
}

/** The code formats a tool contributes to (the JSON definition carries the graph itself). */
export type CodeFormat = keyof CodeParts<unknown>;

/** The export plan of one tool type's tools. */
export interface ToolExportPlan<P> {
  part: P;
  /** What the Responses formats and the Assistants formats cannot carry over, in words for the user. */
  warnings: { responses: string[]; assistants: string[] };
  /** Names the generated code needs identifiers for (e.g. functions). */
  names: string[];
  /** Whether the exported code reads Knowledge files (which it finds relative to `knowledgeRoot`). */
  readsKnowledge: boolean;
}

/** What the export of one tool type does: its plan from the assistant's tools of that type, and its part in every format. */
export interface ToolExport<C, P> {
  /**
   * The assistant's tools of this type (at least one), merged into what the generators need, with what the
   * Responses and the Assistants formats cannot carry over said in words.
   */
  plan(tools: readonly C[]): ToolExportPlan<P>;
  code: CodeParts<P>;
  curl(part: P, ctx: PieceContext): CurlPieces;
}
