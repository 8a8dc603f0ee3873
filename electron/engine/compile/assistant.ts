import { assistantIdOf } from '../../../shared/runtime/objects.ts';
import type { CompileStep } from './types.ts';

export const compileAssistant: CompileStep<'assistant'> = (node, { project }) => {
  const d = node.data;
  return {
    id: assistantIdOf(node.id),
    nodeId: node.id,
    name: d.name,
    // An empty model means "the project's default", as the inspector says.
    model: d.model.trim() || project.settings.model.trim(),
    instructions: d.instructions,
    temperature: d.temperature,
    topP: d.topP,
    responseFormat:
      d.responseFormat === 'json_schema'
        ? { type: 'json_schema', json_schema: { name: d.responseSchemaName, schema: d.responseSchema, strict: d.responseSchemaStrict } }
        : { type: d.responseFormat },
    maxPromptTokens: d.maxPromptTokens,
    maxCompletionTokens: d.maxCompletionTokens,
    truncation: d.truncation === 'last_messages' ? { type: 'last_messages', lastMessages: d.lastMessages } : { type: 'auto', lastMessages: null },
    parallelToolCalls: d.parallelToolCalls,
    toolChoice: d.toolChoice === 'function' ? { type: 'function', function: { name: d.toolChoiceFunction } } : d.toolChoice,
    metadata: { ...d.metadata },
  };
};
