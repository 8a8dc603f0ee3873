import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

/** Data of a Code Interpreter tool node. */
const codeInterpreterSchema = z.strictObject({
  sandbox: z.enum(['local', 'openai']),
  timeLimitSeconds: z.number(),
  memoryLimitMb: z.number(),
});
export type CodeInterpreterData = DeepReadonly<z.infer<typeof codeInterpreterSchema>>;

export const codeInterpreterKind: KindDefinition<'codeInterpreter', CodeInterpreterData> = {
  kind: 'codeInterpreter',
  version: 1,
  title: 'Code Interpreter',
  description: 'Lets the assistant write and run Python, with the files wired into it.',
  accent: '#2f7fd8',
  icon: 'M5.5 4.5L2 8l3.5 3.5M10.5 4.5L14 8l-3.5 3.5M9.2 3l-2.4 10',
  body: 'card',
  schema: codeInterpreterSchema,
  defaults: () => ({ sandbox: 'local', timeLimitSeconds: 60, memoryLimitMb: 1024 }),
  ports: () => [
    { id: 'files', direction: 'in', type: 'knowledge', label: 'Files' },
    { id: 'tool', direction: 'out', type: 'tool', label: 'Tool' },
  ],
  fields: [
    {
      type: 'select',
      key: 'sandbox',
      label: 'Sandbox',
      options: [
        { value: 'local', label: 'Local Python (sandboxed)' },
        { value: 'openai', label: 'OpenAI container' },
      ],
    },
    { type: 'number', key: 'timeLimitSeconds', label: 'Time limit per execution (s)', min: 1, max: 3600, step: 1 },
    { type: 'number', key: 'memoryLimitMb', label: 'Memory limit (MB)', min: 64, max: 65536, step: 64, visible: (d) => d.sandbox === 'local' },
  ],
  label: () => 'Code Interpreter',
  summary: (d) => [d.sandbox === 'local' ? 'local sandbox' : 'OpenAI container', `${d.timeLimitSeconds}s per run`],
  migrations: {},
};
