import type { AssistantConfig } from '../compile/index.ts';
import { toolExports, type ToolExportEntry } from '../tools/index.ts';
import type { CodeFormat, CodePieces, CurlPieces, PieceContext } from './pieces.ts';

/** Everything every generator needs: the compiled assistant in Responses API terms, and each tool type's part. */
export interface ExportPlan {
  name: string;
  model: string;
  instructions: string;
  /** Request parameters other than `instructions`, `input` and `tools`, in Responses API names. */
  settings: Record<string, unknown>;
  /** The tool types the assistant has, each with its driver's export and plan, in the order of TOOL_TYPES. */
  tools: ToolExportEntry[];
  /** Names the code needs identifiers for (e.g. functions). */
  names: string[];
  /** Whether the exported code reads Knowledge files (which it finds relative to `knowledgeRoot`). */
  readsKnowledge: boolean;
  /** What the Responses formats cannot carry over, in words for the user. */
  warnings: string[];
  /** What the tools cannot carry over to the Assistants formats (the assistant's own settings all fit). */
  assistantsWarnings: string[];
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

/** Turns the compiled assistant into what every export format is generated from. */
export function planExport(config: AssistantConfig): ExportPlan {
  const warnings: string[] = [];
  const settings = requestSettings(config, warnings);
  const tools = toolExports(config.tools);
  return {
    name: config.name || 'Assistant',
    model: config.model,
    instructions: config.instructions,
    settings,
    tools,
    names: tools.flatMap((t) => t.plan.names),
    readsKnowledge: tools.some((t) => t.plan.readsKnowledge),
    warnings: [...warnings, ...tools.flatMap((t) => t.plan.warnings.responses)],
    assistantsWarnings: tools.flatMap((t) => t.plan.warnings.assistants),
  };
}

/** Lines or blocks without repeats, in the order they first appear (several tools need the same helper). */
const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** Every tool's part of a code format, merged: imports and blocks once each, lists in tool order. */
export function codePieces(plan: ExportPlan, format: CodeFormat, ctx: PieceContext): Required<CodePieces> {
  const parts = plan.tools.map((t) => t.export.code[format](t.plan.part, ctx));
  const lines = (pick: (p: CodePieces) => readonly string[] | undefined): string[] => parts.flatMap((p) => pick(p) ?? []);
  return {
    imports: unique(lines((p) => p.imports)),
    localImports: unique(lines((p) => p.localImports)),
    sdkImports: unique(lines((p) => p.sdkImports)),
    blocks: unique(lines((p) => p.blocks)),
    tools: lines((p) => p.tools),
    resources: lines((p) => p.resources),
    files: parts.flatMap((p) => p.files ?? []),
    answersCalls: parts.some((p) => p.answersCalls === true),
    knowledgeNote: lines((p) => (p.knowledgeNote ? [p.knowledgeNote] : [])).join(' '),
    readme: unique(lines((p) => p.readme)),
  };
}

/** Every tool's part of the cURL request. */
export function curlPieces(plan: ExportPlan, ctx: PieceContext): CurlPieces {
  const parts = plan.tools.map((t) => t.export.curl(t.plan.part, ctx));
  return { tools: parts.flatMap((p) => p.tools), notes: parts.flatMap((p) => p.notes), needsStore: parts.some((p) => p.needsStore === true) };
}
