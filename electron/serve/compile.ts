import { KINDS } from '../../shared/kinds/index.ts';
import type { AssistantObject, AssistantResponseFormat, Message, RunTool, Thread, ToolResources } from '../../shared/runtime/objects.ts';
import type { AssistantConfig, ToolConfig } from '../engine/index.ts';
import type { RunOverrides, ToolChoiceRequest } from './requests.ts';

type Settings = Omit<AssistantConfig, 'tools'>;

/** What the tools of one run work on: the assistant's resources (or the run's own) beside the thread's. */
export interface RunResources {
  assistant: ToolResources | null;
  thread: Thread;
  /** The thread's messages: files attached to them for the code interpreter are placed in its working directory. */
  messages: readonly Message[];
  /** The local index store File Search reads for a vector store id, or null to leave the store out (it is gone). */
  indexStoreOf: (vectorStoreId: string) => string | null;
}

const CODE_INTERPRETER = KINDS.codeInterpreter.defaults();
const FUNCTION = KINDS.function.defaults();

/** The Assistant node id an API assistant runs as: its id without `asst_`, so its threads group under it. */
const nodeIdOf = (assistantId: string): string => assistantId.slice('asst_'.length);

function responseFormatOf(format: AssistantResponseFormat | null | undefined): Settings['responseFormat'] {
  if (!format || format === 'auto' || format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json_object' };
  const { name, schema, strict } = format.json_schema;
  return { type: 'json_schema', json_schema: { name, schema: schema ?? {}, strict: strict ?? false } };
}

/** Built-in tools are offered to the model as functions of their type's name, so forcing one forces that function. */
function toolChoiceOf(choice: ToolChoiceRequest | null | undefined): Settings['toolChoice'] {
  if (!choice) return 'auto';
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.type === 'function' ? (choice.function?.name ?? '') : choice.type } };
}

function truncationOf(strategy: RunOverrides['truncation_strategy']): Settings['truncation'] {
  if (strategy?.type === 'last_messages' && typeof strategy.last_messages === 'number') return { type: 'last_messages', lastMessages: strategy.last_messages };
  return { type: 'auto', lastMessages: null };
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/** The vector stores a run's File Search reads: the assistant's (or the run's own) and the thread's. */
export const searchedStoreIds = (assistant: ToolResources | null, thread: Thread): string[] =>
  unique([...(assistant?.file_search?.vector_store_ids ?? []), ...(thread.tool_resources?.file_search?.vector_store_ids ?? [])]);

function toolOf(tool: RunTool, nodeId: string, resources: RunResources): ToolConfig {
  if (tool.type === 'function') {
    const fn = tool.function;
    return {
      type: 'function',
      nodeId: `${nodeId}:${fn.name}`,
      name: fn.name,
      description: fn.description ?? '',
      parameters: (fn.parameters as Record<string, unknown> | undefined) ?? { type: 'object', properties: {} },
      strict: fn.strict ?? false,
      // As with the hosted API, the client runs its functions: the run waits in requires_action.
      mode: 'ask',
      handler: '',
      timeoutMs: FUNCTION.timeoutSeconds * 1000,
      network: false,
      mockOutput: '',
    };
  }
  if (tool.type === 'file_search') {
    const settings = tool.file_search;
    return {
      type: 'file_search',
      nodeId,
      maxResults: settings?.max_num_results ?? 20,
      ranker: settings?.ranking_options.ranker ?? 'auto',
      scoreThreshold: settings?.ranking_options.score_threshold ?? 0,
      chunking: { type: 'auto' },
      index: 'local',
      vectorStoreIds: [],
      knowledge: [],
      stores: searchedStoreIds(resources.assistant, resources.thread).flatMap((id) => resources.indexStoreOf(id) ?? []),
    };
  }
  const attached = resources.messages.flatMap((m) => m.attachments.filter((a) => a.tools.some((t) => t.type === 'code_interpreter')).map((a) => a.file_id));
  return {
    type: 'code_interpreter',
    nodeId,
    sandbox: 'local',
    timeLimitMs: CODE_INTERPRETER.timeLimitSeconds * 1000,
    memoryLimitMb: CODE_INTERPRETER.memoryLimitMb,
    files: [],
    fileIds: unique([
      ...(resources.assistant?.code_interpreter?.file_ids ?? []),
      ...(resources.thread.tool_resources?.code_interpreter?.file_ids ?? []),
      ...attached,
    ]),
  };
}

/** The tools of a run as the API stores them: a request's tools with the API's defaults filled in. */
export function normaliseTools(tools: readonly NonNullable<RunOverrides['tools']>[number][]): RunTool[] {
  return tools.map((tool): RunTool => {
    if (tool.type === 'code_interpreter') return { type: 'code_interpreter' };
    if (tool.type === 'file_search') {
      const settings = tool.file_search;
      return {
        type: 'file_search',
        file_search: {
          max_num_results: settings?.max_num_results ?? 20,
          ranking_options: { ranker: settings?.ranking_options?.ranker ?? 'auto', score_threshold: settings?.ranking_options?.score_threshold ?? 0 },
        },
      };
    }
    const fn = tool.function;
    return {
      type: 'function',
      function: {
        name: fn.name,
        ...(fn.description !== undefined ? { description: fn.description } : {}),
        parameters: fn.parameters ?? { type: 'object', properties: {} },
        strict: fn.strict ?? false,
      },
    };
  });
}

/**
 * The configuration a run executes: the assistant with the run's overrides (`instructions` replaces the
 * assistant's, `additional_instructions` is appended, the model goes through the alias table), its
 * functions answered by the client, File Search over the vector stores of the assistant and the thread,
 * and the Code Interpreter with their files and the files attached to the thread's messages.
 */
export function compileRun(
  assistant: AssistantObject,
  overrides: RunOverrides,
  resources: RunResources,
  resolveModel: (name: string) => string,
): AssistantConfig {
  const nodeId = nodeIdOf(assistant.id);
  const base = overrides.instructions ?? assistant.instructions ?? '';
  const extra = overrides.additional_instructions ?? '';
  const tools = overrides.tools ? normaliseTools(overrides.tools) : assistant.tools;
  return {
    id: assistant.id,
    nodeId,
    name: assistant.name ?? '',
    model: resolveModel(overrides.model ?? assistant.model),
    instructions: base && extra ? `${base}\n\n${extra}` : base || extra,
    temperature: overrides.temperature ?? assistant.temperature,
    topP: overrides.top_p ?? assistant.top_p,
    responseFormat: responseFormatOf(overrides.response_format ?? assistant.response_format),
    maxPromptTokens: overrides.max_prompt_tokens ?? null,
    maxCompletionTokens: overrides.max_completion_tokens ?? null,
    truncation: truncationOf(overrides.truncation_strategy),
    parallelToolCalls: overrides.parallel_tool_calls ?? true,
    toolChoice: toolChoiceOf(overrides.tool_choice),
    metadata: assistant.metadata,
    tools: tools.map((tool) => toolOf(tool, nodeId, resources)),
  };
}
