// The Studio's own assistants over the API: every Assistant node of the open project is `asst_<node id>`.
import { freezeProject } from '../../shared/graph/freeze.ts';
import type { GraphNode, Project } from '../../shared/graph/project.ts';
import type { AssistantData } from '../../shared/kinds/index.ts';
import { assistantIdOf, type AssistantObject, type RunTool } from '../../shared/runtime/objects.ts';
import { compile, type ToolConfig } from '../engine/index.ts';
import { found, invalidRequest } from './http.ts';
import type { RunOverrides } from './requests.ts';
import type { CanvasProject, ServeContext } from './types.ts';

/** An Assistant node as the API serves it, with the project it comes from. */
export interface CanvasAssistant {
  nodeId: string;
  source: CanvasProject;
  object: AssistantObject;
}

/** The assistant an id names: one made through the API (which wins when both exist), or a canvas one. */
export type ServedAssistant = { kind: 'api'; assistant: AssistantObject } | { kind: 'canvas'; canvas: CanvasAssistant };

function runToolOf(tool: ToolConfig): RunTool {
  if (tool.type === 'code_interpreter') return { type: 'code_interpreter' };
  if (tool.type === 'file_search') {
    const ranker = tool.ranker === 'default-2024-08-21' ? 'default_2024_08_21' : 'auto';
    return { type: 'file_search', file_search: { max_num_results: tool.maxResults, ranking_options: { ranker, score_threshold: tool.scoreThreshold } } };
  }
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters, strict: tool.strict } };
}

function responseFormatOf(d: AssistantData): AssistantObject['response_format'] {
  if (d.responseFormat !== 'json_schema') return { type: d.responseFormat };
  const schema = d.responseSchema !== null && typeof d.responseSchema === 'object' ? (d.responseSchema as Record<string, unknown>) : {};
  return { type: 'json_schema', json_schema: { name: d.responseSchemaName, schema, strict: d.responseSchemaStrict } };
}

/** Assistant objects are made once per project value (projects are immutable), not on every request. */
const madeFor = new WeakMap<Project, { startedAt: number; assistants: Omit<CanvasAssistant, 'source'>[] }>();

function objectsOf(project: Project, startedAt: number): Omit<CanvasAssistant, 'source'>[] {
  const cached = madeFor.get(project);
  if (cached?.startedAt === startedAt) return cached.assistants;
  const nodes = project.nodes.filter((n): n is GraphNode<'assistant'> => n.kind === 'assistant');
  const assistants = nodes.map((node) => {
    const d = node.data;
    const compiled = compile(project, node.id);
    const object: AssistantObject = {
      id: assistantIdOf(node.id),
      object: 'assistant',
      // Nodes carry no creation time; the server's start keeps the list's order stable.
      created_at: startedAt,
      name: d.name || null,
      description: null,
      model: d.model.trim() || project.settings.model.trim(),
      instructions: d.instructions,
      // An assistant with problems lists no tools; a run of it is refused with the problem.
      tools: compiled.ok ? compiled.assistant.tools.map(runToolOf) : [],
      tool_resources: null,
      metadata: { ...d.metadata },
      temperature: d.temperature,
      top_p: d.topP,
      response_format: responseFormatOf(d),
    };
    return { nodeId: node.id, object };
  });
  madeFor.set(project, { startedAt, assistants });
  return assistants;
}

/** The canvas's assistants, in the order of the project's nodes. */
export async function canvasAssistants(ctx: ServeContext): Promise<CanvasAssistant[]> {
  const source = await ctx.canvas();
  if (!source) return [];
  return objectsOf(source.project, ctx.startedAt).map((a) => ({ ...a, source }));
}

/** The assistant an id names, or the API's 404. */
export async function findAssistant(ctx: ServeContext, id: string): Promise<ServedAssistant> {
  try {
    return { kind: 'api', assistant: found(() => ctx.runtime.assistants.get(id), 'assistant', id) };
  } catch (error) {
    const canvas = (await canvasAssistants(ctx)).find((a) => a.object.id === id);
    if (canvas) return { kind: 'canvas', canvas };
    throw error;
  }
}

/** Canvas assistants are changed on the canvas; the API may only read and run them. */
export const designedInStudio = (id: string, what: string): Error =>
  invalidRequest(`${id} is designed in Assistant Studio and cannot be ${what} through the API; change it on the canvas.`, 'assistant_id');

/** Fields of an Assistant node a run changes. */
type DataChange = { -readonly [K in keyof AssistantData]?: AssistantData[K] };

function truncationOf(strategy: NonNullable<RunOverrides['truncation_strategy']>): DataChange {
  if (strategy.type === 'last_messages' && typeof strategy.last_messages === 'number')
    return { truncation: 'last_messages', lastMessages: strategy.last_messages };
  return { truncation: 'auto' };
}

function toolChoiceOf(choice: NonNullable<RunOverrides['tool_choice']>): DataChange {
  if (typeof choice === 'string') return { toolChoice: choice };
  // Built-in tools are offered to the model as functions of their type's name (as for API assistants).
  return { toolChoice: 'function', toolChoiceFunction: choice.type === 'function' ? (choice.function?.name ?? '') : choice.type };
}

function responseFormatData(format: NonNullable<RunOverrides['response_format']>): DataChange {
  if (format === 'auto' || format.type === 'text') return { responseFormat: 'text' };
  if (format.type === 'json_object') return { responseFormat: 'json_object' };
  const { name, schema, strict } = format.json_schema;
  return { responseFormat: 'json_schema', responseSchemaName: name, responseSchema: schema ?? {}, responseSchemaStrict: strict ?? false };
}

/**
 * The project a run of a canvas assistant executes: the assistant's node with the run's overrides (as
 * the API applies them to an assistant: `instructions` replaces, `additional_instructions` appends), or
 * the project itself when there are none. Tools are the canvas's; a run that brings its own is refused.
 */
export function projectForRun(canvas: CanvasAssistant, overrides: RunOverrides): Project {
  const { project } = canvas.source;
  if (overrides.tools)
    throw invalidRequest(`${canvas.object.id} is designed in Assistant Studio; its tools are wired on the canvas, not given per run.`, 'tools');
  const node = project.nodes.find((n): n is GraphNode<'assistant'> => n.id === canvas.nodeId && n.kind === 'assistant');
  if (!node) return project;
  const o = overrides;
  const change: DataChange = {};
  if (o.instructions != null || o.additional_instructions) {
    const base = o.instructions ?? node.data.instructions;
    const extra = o.additional_instructions ?? '';
    change.instructions = base && extra ? `${base}\n\n${extra}` : base || extra;
  }
  if (o.temperature != null) change.temperature = o.temperature;
  if (o.top_p != null) change.topP = o.top_p;
  if (o.max_prompt_tokens != null) change.maxPromptTokens = o.max_prompt_tokens;
  if (o.max_completion_tokens != null) change.maxCompletionTokens = o.max_completion_tokens;
  if (o.parallel_tool_calls !== undefined) change.parallelToolCalls = o.parallel_tool_calls;
  Object.assign(
    change,
    o.truncation_strategy ? truncationOf(o.truncation_strategy) : {},
    o.tool_choice ? toolChoiceOf(o.tool_choice) : {},
    o.response_format ? responseFormatData(o.response_format) : {},
  );
  if (Object.keys(change).length === 0) return project;
  const changed = { ...node, data: { ...node.data, ...change } };
  return freezeProject({ ...project, nodes: project.nodes.map((n) => (n.id === node.id ? changed : n)) });
}
