import { z } from 'zod';
import type { DeepReadonly } from '../readonly.ts';
import type { KindDefinition } from './kind.ts';

/** Data of a File Search tool node. */
const fileSearchSchema = z.strictObject({
  maxResults: z.number(),
  ranker: z.enum(['auto', 'default-2024-08-21']),
  scoreThreshold: z.number(),
  chunking: z.enum(['auto', 'static']),
  chunkSize: z.number(),
  chunkOverlap: z.number(),
  index: z.enum(['local', 'openai']),
  /** Existing OpenAI vector store ids to search in addition to the wired knowledge. */
  vectorStoreIds: z.array(z.string()),
});
export type FileSearchData = DeepReadonly<z.infer<typeof fileSearchSchema>>;

export const fileSearchKind: KindDefinition<'fileSearch', FileSearchData> = {
  kind: 'fileSearch',
  version: 1,
  title: 'File Search',
  description: 'Lets the assistant search the files of the Knowledge nodes wired into it.',
  accent: '#1f9d6b',
  icon: 'M7 2.5a4.5 4.5 0 110 9 4.5 4.5 0 010-9zM10.3 10.3l3.2 3.2',
  body: 'card',
  schema: fileSearchSchema,
  defaults: () => ({
    maxResults: 20,
    ranker: 'auto',
    scoreThreshold: 0,
    chunking: 'auto',
    chunkSize: 800,
    chunkOverlap: 400,
    index: 'local',
    vectorStoreIds: [],
  }),
  ports: () => [
    { id: 'knowledge', direction: 'in', type: 'knowledge', label: 'Knowledge' },
    { id: 'tool', direction: 'out', type: 'tool', label: 'Tool' },
  ],
  fields: [
    { type: 'number', key: 'maxResults', label: 'Max results', min: 1, max: 50, step: 1 },
    {
      type: 'select',
      key: 'ranker',
      label: 'Ranker',
      options: [
        { value: 'auto', label: 'Auto' },
        { value: 'default-2024-08-21', label: 'default-2024-08-21' },
      ],
    },
    { type: 'number', key: 'scoreThreshold', label: 'Score threshold', min: 0, max: 1, step: 0.05, help: 'Results scoring below this are dropped.' },
    {
      type: 'select',
      key: 'chunking',
      label: 'Chunking',
      options: [
        { value: 'auto', label: 'Auto (800 tokens, 400 overlap)' },
        { value: 'static', label: 'Static' },
      ],
    },
    { type: 'number', key: 'chunkSize', label: 'Chunk size (tokens)', min: 100, max: 4096, step: 1, visible: (d) => d.chunking === 'static' },
    {
      type: 'number',
      key: 'chunkOverlap',
      label: 'Chunk overlap (tokens)',
      min: 0,
      step: 1,
      visible: (d) => d.chunking === 'static',
      help: 'At most half the chunk size.',
    },
    {
      type: 'select',
      key: 'index',
      label: 'Index',
      options: [
        { value: 'local', label: 'Local (on this computer)' },
        { value: 'openai', label: 'OpenAI vector store' },
      ],
    },
    { type: 'tags', key: 'vectorStoreIds', label: 'Existing vector stores', placeholder: 'vs_…', visible: (d) => d.index === 'openai' },
  ],
  label: () => 'File Search',
  summary: (d) => [
    `${d.index === 'local' ? 'local index' : 'OpenAI vector store'} · top ${d.maxResults}`,
    d.chunking === 'auto' ? 'auto chunking' : `chunks ${d.chunkSize}/${d.chunkOverlap}`,
  ],
  migrations: {},
};
