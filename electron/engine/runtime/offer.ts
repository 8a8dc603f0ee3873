import type { ToolCall } from '../../../shared/runtime/steps.ts';
import type { RunTool } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig, ToolConfig } from '../compile/types.ts';
import type { FunctionSpec } from '../providers/types.ts';

/**
 * File Search and Code Interpreter are offered to the model as functions with these names (as the
 * SPEC does for compatible endpoints), so a call to them is recorded as the proper run step type.
 * A user's Function with the same name wins; the built-in one is then not offered.
 */
const BUILTIN_SPECS: Record<'file_search' | 'code_interpreter', FunctionSpec> = {
  file_search: {
    name: 'file_search',
    description: "Search the assistant's knowledge files for passages relevant to a query.",
    parameters: { type: 'object', properties: { query: { type: 'string', description: 'What to search for.' } }, required: ['query'], additionalProperties: false },
    strict: true,
  },
  code_interpreter: {
    name: 'code_interpreter',
    description: 'Run Python code in a sandbox and return its output.',
    parameters: { type: 'object', properties: { code: { type: 'string', description: 'The Python code to run.' } }, required: ['code'], additionalProperties: false },
    strict: true,
  },
};

/** What a compiled assistant offers, derived once per configuration (compiled configs are reused across runs). */
interface ToolSet {
  byName: ReadonlyMap<string, ToolConfig>;
  offered: FunctionSpec[];
  /** `offered` without the built-ins of nodes the provider hosts (Responses with `openai` index or sandbox). */
  offeredBesideHosted: FunctionSpec[];
  runTools: RunTool[];
}

const toolSets = new WeakMap<AssistantConfig, ToolSet>();

function toolSetOf(config: AssistantConfig): ToolSet {
  let set = toolSets.get(config);
  if (set) return set;
  const byName = new Map<string, ToolConfig>();
  const offered: FunctionSpec[] = [];
  const offeredBesideHosted: FunctionSpec[] = [];
  // User Functions first, so a Function named like a built-in tool takes its name.
  for (const tool of [...config.tools].sort((a, b) => Number(b.type === 'function') - Number(a.type === 'function'))) {
    const spec = tool.type === 'function'
      ? { name: tool.name, description: tool.description, parameters: tool.parameters, strict: tool.strict }
      : BUILTIN_SPECS[tool.type];
    if (byName.has(spec.name)) continue;
    byName.set(spec.name, tool);
    offered.push(spec);
    if (!isHosted(tool)) offeredBesideHosted.push(spec);
  }
  set = { byName, offered, offeredBesideHosted, runTools: config.tools.map(runTool) };
  toolSets.set(config, set);
  return set;
}

/** The tool a model's call by name refers to, or undefined for a name the assistant does not have. */
export function toolForName(config: AssistantConfig, name: string): ToolConfig | undefined {
  return toolSetOf(config).byName.get(name);
}

/** Whether a node asks for OpenAI to run it (which only the Responses API can). */
export const isHosted = (tool: ToolConfig): boolean =>
  (tool.type === 'file_search' && tool.index === 'openai') || (tool.type === 'code_interpreter' && tool.sandbox === 'openai');

/** The functions offered to the model; with `hosting`, hosted nodes are left to the provider. */
export function offeredFunctions(config: AssistantConfig, hosting = false): FunctionSpec[] {
  const set = toolSetOf(config);
  return hosting ? set.offeredBesideHosted : set.offered;
}

/** The run's `tools` field, in Assistants shape. */
export function runTools(config: AssistantConfig): RunTool[] {
  return toolSetOf(config).runTools;
}

function runTool(tool: ToolConfig): RunTool {
  if (tool.type === 'function') return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters, strict: tool.strict } };
  if (tool.type === 'file_search') return { type: 'file_search', file_search: { max_num_results: tool.maxResults, ranking_options: { ranker: tool.ranker, score_threshold: tool.scoreThreshold } } };
  return { type: 'code_interpreter' };
}

/** A fresh tool call record of the right step type for a call the model just started. */
export function newToolCall(tool: ToolConfig | undefined, id: string, name: string): ToolCall {
  const base = { id, node_id: tool?.nodeId ?? null, duration_ms: null, error: null };
  if (tool?.type === 'file_search') {
    return { ...base, type: 'file_search', file_search: { ranking_options: { ranker: tool.ranker, score_threshold: tool.scoreThreshold }, results: [] } };
  }
  if (tool?.type === 'code_interpreter') return { ...base, type: 'code_interpreter', code_interpreter: { input: '', outputs: [] } };
  return { ...base, type: 'function', function: { name, arguments: '', output: null }, logs: [] };
}
