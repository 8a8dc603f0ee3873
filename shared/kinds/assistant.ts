import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

const RESPONSE_FORMATS = ['text', 'json_object', 'json_schema'] as const;
const TOOL_CHOICES = ['auto', 'required', 'none', 'function'] as const;

/** Data of an Assistant node: the configuration of one assistant. */
const assistantSchema = z.strictObject({
  name: z.string(),
  instructions: z.string(),
  /** Empty means the project's default model. */
  model: z.string(),
  temperature: z.number().nullable(),
  topP: z.number().nullable(),
  responseFormat: z.enum(RESPONSE_FORMATS),
  responseSchemaName: z.string(),
  /** The JSON Schema object, or the raw text while it does not parse. */
  responseSchema: z.unknown(),
  responseSchemaStrict: z.boolean(),
  maxPromptTokens: z.number().nullable(),
  maxCompletionTokens: z.number().nullable(),
  truncation: z.enum(['auto', 'last_messages']),
  lastMessages: z.number(),
  parallelToolCalls: z.boolean(),
  toolChoice: z.enum(TOOL_CHOICES),
  toolChoiceFunction: z.string(),
  metadata: z.record(z.string(), z.string()),
});
export type AssistantData = DeepReadonly<z.infer<typeof assistantSchema>>;

export const assistantKind: KindDefinition<'assistant', AssistantData> = {
  kind: 'assistant',
  version: 2,
  title: 'Assistant',
  description: 'An assistant: instructions, model and settings. Wire tools into it.',
  accent: '#7c5cff',
  icon: 'M8 1.5v2.5M4 4h8a1.5 1.5 0 011.5 1.5v6A1.5 1.5 0 0112 13H4a1.5 1.5 0 01-1.5-1.5v-6A1.5 1.5 0 014 4zM6 8h.01M10 8h.01M6.2 10.5h3.6',
  body: 'card',
  schema: assistantSchema,
  defaults: () => ({
    name: 'Assistant',
    instructions: 'You are a helpful assistant.',
    model: '',
    temperature: null,
    topP: null,
    responseFormat: 'text',
    responseSchemaName: 'response',
    responseSchema: { type: 'object', properties: {}, required: [], additionalProperties: false },
    responseSchemaStrict: true,
    maxPromptTokens: null,
    maxCompletionTokens: null,
    truncation: 'auto',
    lastMessages: 20,
    parallelToolCalls: true,
    toolChoice: 'auto',
    toolChoiceFunction: '',
    metadata: {},
  }),
  ports: () => [{ id: 'tools', direction: 'in', type: 'tool', label: 'Tools' }],
  fields: [
    { type: 'text', key: 'name', label: 'Name', placeholder: 'Research assistant' },
    {
      type: 'text',
      key: 'model',
      label: 'Model',
      placeholder: 'Project default',
      suggest: 'models',
      help: 'Any model id the provider offers. Empty uses the project default.',
    },
    { type: 'code', key: 'instructions', label: 'Instructions', language: 'markdown', height: 160, help: 'The system instructions the model follows.' },
    {
      type: 'number',
      key: 'temperature',
      label: 'Temperature',
      min: 0,
      max: 2,
      step: 0.1,
      optional: true,
      help: 'Higher is more random. Empty uses the model default.',
    },
    { type: 'number', key: 'topP', label: 'Top P', min: 0, max: 1, step: 0.05, optional: true },
    {
      type: 'select',
      key: 'responseFormat',
      label: 'Response format',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'json_object', label: 'JSON object' },
        { value: 'json_schema', label: 'JSON schema' },
      ],
    },
    { type: 'text', key: 'responseSchemaName', label: 'Schema name', visible: (d) => d.responseFormat === 'json_schema' },
    {
      type: 'toggle',
      key: 'responseSchemaStrict',
      label: 'Strict schema',
      visible: (d) => d.responseFormat === 'json_schema',
      help: 'Structured Outputs: every property required, no additional properties.',
    },
    { type: 'jsonSchema', key: 'responseSchema', role: 'responseFormat', label: 'Response schema', visible: (d) => d.responseFormat === 'json_schema' },
    { type: 'number', key: 'maxPromptTokens', label: 'Max prompt tokens', min: 256, step: 1, optional: true },
    { type: 'number', key: 'maxCompletionTokens', label: 'Max completion tokens', min: 16, step: 1, optional: true },
    {
      type: 'select',
      key: 'truncation',
      label: 'Truncation',
      options: [
        { value: 'auto', label: 'Auto' },
        { value: 'last_messages', label: 'Last N messages' },
      ],
      help: 'Which part of the thread is sent to the model.',
    },
    { type: 'number', key: 'lastMessages', label: 'Messages kept', min: 1, max: 1000, step: 1, visible: (d) => d.truncation === 'last_messages' },
    { type: 'toggle', key: 'parallelToolCalls', label: 'Parallel tool calls' },
    {
      type: 'select',
      key: 'toolChoice',
      label: 'Tool choice',
      options: [
        { value: 'auto', label: 'Auto' },
        { value: 'required', label: 'Required' },
        { value: 'none', label: 'None' },
        { value: 'function', label: 'A specific function' },
      ],
    },
    { type: 'text', key: 'toolChoiceFunction', label: 'Function to call', monospace: true, visible: (d) => d.toolChoice === 'function' },
    { type: 'keyValue', key: 'metadata', label: 'Metadata', help: 'Up to 16 pairs; keys up to 64 characters, values up to 512.' },
  ],
  label: (d) => d.name || 'Unnamed assistant',
  summary: (d) => {
    const lines = [d.model || 'default model'];
    if (d.responseFormat !== 'text') lines.push(d.responseFormat === 'json_schema' ? 'JSON schema output' : 'JSON output');
    if (d.temperature !== null) lines.push(`temperature ${d.temperature}`);
    return lines;
  },
  migrations: {
    // v1 stored truncation as a number of messages (0 = auto).
    1: (d) => {
      const { truncation, ...rest } = d;
      const n = typeof truncation === 'number' ? truncation : 0;
      return { ...rest, truncation: n > 0 ? 'last_messages' : 'auto', lastMessages: n > 0 ? n : 20 };
    },
  },
};
