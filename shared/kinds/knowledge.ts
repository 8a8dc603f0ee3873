import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

const DEFAULT_FILE_TYPES = ['txt', 'md', 'html', 'pdf', 'docx', 'csv', 'json'] as const;

/** Data of a Knowledge node: files and folders the tools it feeds can read. */
const knowledgeSchema = z.strictObject({
  title: z.string(),
  /** Files, folders or globs, relative to the project file. */
  paths: z.array(z.string()),
  /** File extensions (without the dot) taken from folders and globs. */
  fileTypes: z.array(z.string()),
});
export type KnowledgeData = DeepReadonly<z.infer<typeof knowledgeSchema>>;

export const knowledgeKind: KindDefinition<'knowledge', KnowledgeData> = {
  kind: 'knowledge',
  version: 1,
  title: 'Knowledge',
  description: 'Files and folders for File Search to index or for the Code Interpreter to read.',
  accent: '#d9822b',
  icon: 'M2.5 3h3.5A2 2 0 018 5v8.5a1.5 1.5 0 00-1.5-1.5h-4zM13.5 3H10a2 2 0 00-2 2v8.5a1.5 1.5 0 011.5-1.5h4z',
  body: 'card',
  schema: knowledgeSchema,
  defaults: () => ({ title: 'Knowledge', paths: [], fileTypes: [...DEFAULT_FILE_TYPES] }),
  ports: () => [{ id: 'knowledge', direction: 'out', type: 'knowledge', label: 'Files' }],
  fields: [
    { type: 'text', key: 'title', label: 'Title' },
    { type: 'paths', key: 'paths', label: 'Files and folders', help: 'Paths or globs such as docs/**/*.md, relative to the project file.' },
    { type: 'tags', key: 'fileTypes', label: 'Included file types', placeholder: 'md', help: 'Extensions taken from folders and globs.' },
  ],
  label: (d) => d.title || 'Knowledge',
  summary: (d) => {
    if (d.paths.length === 0) return ['no files yet'];
    const first = d.paths.slice(0, 2);
    return d.paths.length > 2 ? [...first, `+${d.paths.length - 2} more`] : first;
  },
  migrations: {},
};
