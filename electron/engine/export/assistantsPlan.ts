import type { AssistantConfig } from '../compile/index.ts';
import type { ExportPlan } from './plan.ts';

/**
 * The compiled assistant in Assistants v2 terms, for the "seed style" exports: the object model the app
 * itself keeps, so every setting has its place (the assistant's own fields, the run's limits and tool
 * choice, tool resources) and only where the tools run differs from the app.
 */
export interface AssistantsPlan {
  /** `beta.assistants.create` parameters other than `instructions`, `tools` and `tool_resources`. */
  assistant: Record<string, unknown>;
  /** `beta.threads.runs.stream` parameters other than `assistant_id`. */
  run: Record<string, unknown>;
  /** What the export cannot carry over, in words for the user. */
  warnings: string[];
}

/** What the README of an Assistants export says about the objects the program makes on the server. */
export const ASSISTANTS_NOTE = `
## The assistant

Each run creates the assistant on the server, asks the question in a new thread, and deletes both
afterwards. Set \`ASSISTANT_ID\` to run an assistant that already exists there instead (it is kept).
`;

function assistantSettings(config: AssistantConfig): Record<string, unknown> {
  const settings: Record<string, unknown> = { name: config.name || 'Assistant', model: config.model };
  if (config.temperature !== null) settings.temperature = config.temperature;
  if (config.topP !== null) settings.top_p = config.topP;
  const rf = config.responseFormat;
  // `auto` (the API's default) lets the model answer in text; the other two are passed as they are.
  if (rf.type === 'json_object') settings.response_format = { type: 'json_object' };
  if (rf.type === 'json_schema')
    settings.response_format = {
      type: 'json_schema',
      json_schema: { name: rf.json_schema.name, schema: rf.json_schema.schema, strict: rf.json_schema.strict },
    };
  if (Object.keys(config.metadata).length > 0) settings.metadata = { ...config.metadata };
  return settings;
}

function runSettings(config: AssistantConfig): Record<string, unknown> {
  const run: Record<string, unknown> = {};
  if (config.maxPromptTokens !== null) run.max_prompt_tokens = config.maxPromptTokens;
  if (config.maxCompletionTokens !== null) run.max_completion_tokens = config.maxCompletionTokens;
  if (config.truncation.type === 'last_messages') run.truncation_strategy = { type: 'last_messages', last_messages: config.truncation.lastMessages };
  if (config.tools.length > 0) {
    run.parallel_tool_calls = config.parallelToolCalls;
    run.tool_choice = config.toolChoice;
  }
  return run;
}

/** Turns the compiled assistant (and its tools' plan) into Assistants v2 terms. */
export function planAssistants(config: AssistantConfig, plan: ExportPlan): AssistantsPlan {
  return { assistant: assistantSettings(config), run: runSettings(config), warnings: plan.assistantsWarnings };
}
