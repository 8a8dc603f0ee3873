// The tool drivers and what the run loop asks of them. A tool type is one driver (see README.md).
import type { NodeKind } from '../../../shared/kinds/index.ts';
import type { RunTool } from '../../../shared/runtime/objects.ts';
import { TOOL_TYPES, type ToolCall, type ToolCallOf, type ToolType } from '../../../shared/runtime/steps.ts';
import type { AssistantConfig, ToolConfig } from '../compile/types.ts';
import type { ToolExport, ToolExportPlan } from '../export/pieces.ts';
import type { FunctionSpec, ProviderConnection } from '../providers/types.ts';
import { failedCall } from './arguments.ts';
import { codeInterpreterDriver } from './codeInterpreter/driver.ts';
import { fileSearchDriver } from './fileSearch/driver.ts';
import { functionDriver } from './function/driver.ts';
import type { CallDescription, CallOutcome, RoundCall, StepDeltaCall, ToolConfigOf, ToolDriver, ToolRunContext } from './types.ts';

export type * from './types.ts';

/** Every tool type's driver; the mapped type makes a tool type without one a compile error. */
export const TOOL_DRIVERS = {
  function: functionDriver,
  file_search: fileSearchDriver,
  code_interpreter: codeInterpreterDriver,
} as const satisfies DriverMap;

type DriverMap = { readonly [T in ToolType]: ToolDriver<T, NodeKind, unknown, unknown> };
const drivers: DriverMap = TOOL_DRIVERS;

/** The driver of a tool type, typed loosely for code that handles every type alike (TypeScript cannot pair a union's members). */
const driverOf = <T extends ToolType>(type: T): ToolDriver<T, NodeKind, unknown> => drivers[type] as ToolDriver<T, NodeKind, unknown>;

const typeByKind = new Map<NodeKind, ToolType>(Object.values(drivers).map((d): [NodeKind, ToolType] => [d.kind, d.type]));

/** The tool type whose nodes are of this kind, or undefined for kinds that are not tools (assistant, knowledge, note). */
export const toolTypeOfKind = (kind: NodeKind): ToolType | undefined => typeByKind.get(kind);

/** Whether the provider runs the tool itself over this API (OpenAI-hosted), instead of the runtime. */
export const isHostedOn = (tool: ToolConfig, api: ProviderConnection['api']): boolean => driverOf(tool.type).hostedOn(tool as ToolConfigOf<ToolType>, api);

/** What a compiled assistant offers, derived once per configuration (compiled configs are reused across runs). */
interface ToolSet {
  byName: ReadonlyMap<string, ToolConfig>;
  offered: FunctionSpec[];
  /** `offered` without the tools the provider hosts (Responses with an OpenAI index or container). */
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
  // User Functions first, so a Function named like a built-in tool takes its name (the built-in one is then not offered).
  for (const tool of [...config.tools].sort((a, b) => Number(b.type === 'function') - Number(a.type === 'function'))) {
    const spec = driverOf(tool.type).functionSpec(tool as ToolConfigOf<ToolType>);
    if (byName.has(spec.name)) continue;
    byName.set(spec.name, tool);
    offered.push(spec);
    if (!isHostedOn(tool, 'responses')) offeredBesideHosted.push(spec);
  }
  const runTools = config.tools.map((tool) => driverOf(tool.type).runTool(tool as ToolConfigOf<ToolType>));
  set = { byName, offered, offeredBesideHosted, runTools };
  toolSets.set(config, set);
  return set;
}

/** The tool a model's call by name refers to, or undefined for a name the assistant does not have. */
export const toolForName = (config: AssistantConfig, name: string): ToolConfig | undefined => toolSetOf(config).byName.get(name);

/** The functions offered to the model; with `hosting`, tools the provider hosts are left to it. */
export const offeredFunctions = (config: AssistantConfig, hosting = false): FunctionSpec[] =>
  hosting ? toolSetOf(config).offeredBesideHosted : toolSetOf(config).offered;

/** The run's `tools` field, in Assistants shape. */
export const runTools = (config: AssistantConfig): RunTool[] => toolSetOf(config).runTools;

/** A fresh call record of the right type for a call the model just started; a name the assistant lacks is recorded as a function call. */
export function newToolCall(tool: ToolConfig | undefined, id: string, name: string): ToolCall {
  if (tool) return driverOf(tool.type).newCall(tool as ToolConfigOf<ToolType>, id, name);
  return { id, type: 'function', function: { name, arguments: '', output: null }, node_id: null, logs: [], duration_ms: null, error: null };
}

/** Resolves the round's calls against the assistant's tools. */
export const roundCalls = (config: AssistantConfig, calls: readonly { position: number; id: string; name: string; arguments: string }[]): RoundCall[] =>
  calls.map((c) => ({ ...c, tool: toolForName(config, c.name) }));

/** Whether the call waits for the user (e.g. a Function in "ask me" mode). */
export const asksUser = (call: RoundCall): boolean => call.tool !== undefined && driverOf(call.tool.type).asksUser(call.tool as ToolConfigOf<ToolType>);

/** Runs one call that does not wait for the user. */
export async function runCall(call: RoundCall, ctx: ToolRunContext): Promise<CallOutcome> {
  const tool = call.tool;
  if (!tool) return failedCall('unknown_tool', `There is no tool named "${call.name}". Use only the tools you were given.`);
  return driverOf(tool.type).run(call as RoundCall<ToolConfigOf<ToolType>>, ctx);
}

/** One tool type's part of an export: its driver's export and its plan from the assistant's tools of that type. */
export interface ToolExportEntry {
  type: ToolType;
  export: ToolExport<ToolConfig, unknown>;
  plan: ToolExportPlan<unknown>;
}

/** The export plan of each tool type the assistant has, in the order of TOOL_TYPES. */
export function toolExports(tools: readonly ToolConfig[]): ToolExportEntry[] {
  return TOOL_TYPES.flatMap((type) => {
    const ofType = tools.filter((t) => t.type === type);
    if (ofType.length === 0) return [];
    const exported = driverOf(type).export as ToolExport<ToolConfig, unknown>;
    return [{ type, export: exported, plan: exported.plan(ofType) }];
  });
}

/** The step delta entries of a call, as its driver streams them (see ToolDriver). */
export const deltaStarted = (call: ToolCall): StepDeltaCall => driverOf(call.type).deltaStarted(call as ToolCallOf<ToolType>);
export const deltaArguments = (call: ToolCall, delta: string): StepDeltaCall | null => driverOf(call.type).deltaArguments(call as ToolCallOf<ToolType>, delta);
export const deltaOutput = (call: ToolCall): StepDeltaCall | null => driverOf(call.type).deltaOutput(call as ToolCallOf<ToolType>);

/** A call in words, as its driver says it (for text output). */
export const describeToolCall = (call: ToolCall): CallDescription => driverOf(call.type).describe(call as ToolCallOf<ToolType>);

/** The call record with its outcome filled in. */
export function recordOutcome(call: ToolCall, args: string, outcome: CallOutcome): ToolCall {
  return driverOf(call.type).record(call as ToolCallOf<ToolType>, args, outcome);
}
