import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

/** Data of a Note: free text on the canvas. */
const noteSchema = z.strictObject({ text: z.string() });
export type NoteData = DeepReadonly<z.infer<typeof noteSchema>>;

export const noteKind: KindDefinition<'note', NoteData> = {
  kind: 'note',
  version: 1,
  title: 'Note',
  description: 'Free text on the canvas, for you and your team. Not sent to the model.',
  accent: '#b59a00',
  icon: 'M3 2.5h10v7.5l-3.5 3.5H3zM9.5 13.5V10H13',
  body: 'sticky',
  schema: noteSchema,
  defaults: () => ({ text: '' }),
  ports: () => [],
  fields: [{ type: 'code', key: 'text', label: 'Text', language: 'markdown', height: 200 }],
  label: () => 'Note',
  summary: (d) => (d.text.trim() ? d.text.trim().split('\n').slice(0, 4) : ['Empty note']),
  migrations: {},
};
