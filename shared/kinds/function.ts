import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

export const FUNCTION_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const FUNCTION_MODES = ['handler', 'ask', 'mock'] as const;

/** Data of a Function tool node. */
const functionSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  /** The parameters JSON Schema, or the raw text while it does not parse. */
  parameters: z.unknown(),
  strict: z.boolean(),
  /** TypeScript source of `export default async function handler(args, ctx)`. */
  handler: z.string(),
  timeoutSeconds: z.number(),
  /** Whether the handler may reach the network (through `ctx.fetch`, which the app makes for it). */
  network: z.boolean(),
  mode: z.enum(FUNCTION_MODES),
  mockOutput: z.string(),
});
export type FunctionData = DeepReadonly<z.infer<typeof functionSchema>>;

const DEFAULT_HANDLER = `export default async function handler(args: Args, ctx: HandlerContext) {
  ctx.log('called with', args);
  return { ok: true };
}
`;

export const functionKind: KindDefinition<'function', FunctionData> = {
  kind: 'function',
  version: 3,
  title: 'Function',
  description: 'A function the model can call. Its handler runs on this computer, isolated from the app.',
  accent: '#c2417a',
  icon: 'M11 2.5c-2.2 0-2.8 1.1-2.8 3.2v4.6c0 2.1-.6 3.2-2.8 3.2M5.5 7h5',
  body: 'card',
  schema: functionSchema,
  defaults: () => ({
    name: 'my_function',
    description: '',
    parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
    strict: true,
    handler: DEFAULT_HANDLER,
    timeoutSeconds: 30,
    network: false,
    mode: 'handler',
    mockOutput: '{"ok": true}',
  }),
  ports: () => [{ id: 'tool', direction: 'out', type: 'tool', label: 'Tool' }],
  fields: [
    { type: 'text', key: 'name', label: 'Name', monospace: true, help: 'Letters, digits, _ and -; at most 64 characters.' },
    { type: 'text', key: 'description', label: 'Description', help: 'Tells the model when and how to call the function.' },
    { type: 'jsonSchema', key: 'parameters', role: 'parameters', label: 'Parameters (JSON Schema)' },
    {
      type: 'toggle',
      key: 'strict',
      label: 'Strict mode',
      help: 'The model must follow the schema exactly: every property required, additionalProperties false.',
    },
    {
      type: 'select',
      key: 'mode',
      label: 'When called',
      options: [
        { value: 'handler', label: 'Run the handler' },
        { value: 'ask', label: 'Ask me for the output' },
        { value: 'mock', label: 'Return a fixed output' },
      ],
    },
    { type: 'code', key: 'handler', label: 'Handler', language: 'typescript', height: 220, visible: (d) => d.mode === 'handler' },
    { type: 'number', key: 'timeoutSeconds', label: 'Handler time limit (s)', min: 1, max: 600, step: 1, visible: (d) => d.mode === 'handler' },
    {
      type: 'toggle',
      key: 'network',
      label: 'Network (ctx.fetch)',
      help: 'Lets the handler reach the network through ctx.fetch, which the app makes for it. Off, the handler has no network at all.',
      visible: (d) => d.mode === 'handler',
    },
    { type: 'code', key: 'mockOutput', label: 'Fixed output', language: 'plaintext', height: 100, visible: (d) => d.mode === 'mock' },
  ],
  label: (d) => d.name || 'unnamed_function',
  summary: (d) => {
    const params =
      d.parameters && typeof d.parameters === 'object' && 'properties' in d.parameters
        ? Object.keys((d.parameters as { properties?: object }).properties ?? {})
        : [];
    const mode = d.mode === 'handler' ? 'runs handler' : d.mode === 'ask' ? 'asks you' : 'fixed output';
    return [`(${params.join(', ')})`, `${mode}${d.strict ? ' · strict' : ''}`];
  },
  migrations: {
    // v1 had a boolean `mock`; v2 has a mode that also covers "ask me".
    1: (d) => {
      const { mock, ...rest } = d;
      return { ...rest, mode: mock === true ? 'mock' : 'handler', mockOutput: typeof rest.mockOutput === 'string' ? rest.mockOutput : '' };
    },
    // v3 lets a handler reach the network only when its Function says so; before, every handler could.
    // Nothing is switched on for older projects: a handler that needs it says so when ctx.fetch fails.
    2: (d) => ({ ...d, network: false }),
  },
};
