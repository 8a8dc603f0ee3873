// How File Search exports: OpenAI's hosted file_search tool over a vector store that the exported code
// makes from the Knowledge files (or existing stores named on the node).
import type { FileSearchToolConfig } from '../../compile/types.ts';
import { pyValue, tsValue } from '../../export/literals.ts';
import { knowledgeSpecs, VECTOR_STORE_PLACEHOLDER, type CodePieces, type KnowledgeSpec, type PieceContext, type ToolExport } from '../../export/pieces.ts';
import { KNOWLEDGE_IMPORTS as PY_KNOWLEDGE_IMPORTS, knowledgeHelpers as pyKnowledgeHelpers, specs } from '../../export/python/knowledge.ts';
import { KNOWLEDGE_IMPORTS, knowledgeHelpers } from '../../export/typescript/knowledge.ts';

/** The single `file_search` tool of a request (the API takes one per request); several nodes merge into it. */
export interface FileSearchPart {
  vectorStoreIds: string[];
  knowledge: KnowledgeSpec[];
  maxNumResults: number;
  rankingOptions: { ranker: 'auto' | 'default-2024-11-15'; score_threshold: number };
  chunking: { type: 'auto' } | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };
}

const STORE_NOTE = 'Each run creates a vector store from them and prints its id: set `VECTOR_STORE_ID` to reuse it.';

const CREATE_STORE = `/** A vector store holding the files, once they are processed. */
async function createVectorStore(name: string, files: string[], chunking: OpenAI.FileChunkingStrategyParam): Promise<string> {
  let store = await client.vectorStores.create({ name, file_ids: await uploadFiles(files, 'assistants'), chunking_strategy: chunking });
  while (store.file_counts.in_progress > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    store = await client.vectorStores.retrieve(store.id);
  }
  console.error(\`Created vector store \${store.id}; set VECTOR_STORE_ID=\${store.id} to reuse it.\`);
  return store.id;
}`;

const PY_CREATE_STORE = `def create_vector_store(name: str, files: list, chunking: dict) -> str:
    """A vector store holding the files, once they are processed."""
    store = client.vector_stores.create(name=name, file_ids=upload_files(files, "assistants"), chunking_strategy=chunking)
    while store.file_counts.in_progress > 0:
        time.sleep(1)
        store = client.vector_stores.retrieve(store.id)
    print(f"Created vector store {store.id}; set VECTOR_STORE_ID={store.id} to reuse it.", file=sys.stderr)
    return store.id`;

function vectorStoreIds(fs: FileSearchPart, ctx: PieceContext): string {
  const existing = tsValue(fs.vectorStoreIds, '  ');
  const create =
    fs.knowledge.length === 0
      ? ''
      : `
  ids.push(process.env.VECTOR_STORE_ID || (await createVectorStore(${JSON.stringify(`${ctx.name} knowledge`)}, listFiles(${tsValue(fs.knowledge, '  ')}), ${tsValue(fs.chunking, '  ')})));`;
  return `/** The vector stores File Search searches: existing ones, and one made from the Knowledge files. */
async function vectorStoreIds(): Promise<string[]> {
  const ids: string[] = ${existing};${create}
  return ids;
}`;
}

function pyVectorStoreIds(fs: FileSearchPart, ctx: PieceContext): string {
  const lines = [
    'def vector_store_ids() -> list:',
    '    """The vector stores File Search searches: existing ones, and one made from the Knowledge files."""',
    `    ids = ${pyValue(fs.vectorStoreIds, '    ')}`,
  ];
  if (fs.knowledge.length > 0) {
    lines.push(
      '    store_id = os.environ.get("VECTOR_STORE_ID")',
      '    if not store_id:',
      `        store_id = create_vector_store(${JSON.stringify(`${ctx.name} knowledge`)}, list_files(${pyValue(specs(fs.knowledge), '        ')}), ${pyValue(fs.chunking, '        ')})`,
      '    ids.append(store_id)',
    );
  }
  lines.push('    return ids');
  return lines.join('\n');
}

/** What the TypeScript programs share: the vector stores, made from the Knowledge files where there are any. */
function tsStores(fs: FileSearchPart, ctx: PieceContext): CodePieces {
  const reads = fs.knowledge.length > 0;
  return {
    imports: reads ? KNOWLEDGE_IMPORTS : [],
    blocks: [...(reads ? [...knowledgeHelpers(ctx.knowledgeRoot), CREATE_STORE] : []), vectorStoreIds(fs, ctx)],
    ...(reads ? { knowledgeNote: STORE_NOTE } : {}),
  };
}

function pyStores(fs: FileSearchPart, ctx: PieceContext): CodePieces {
  const reads = fs.knowledge.length > 0;
  return {
    imports: reads ? [...PY_KNOWLEDGE_IMPORTS, 'import time'] : [],
    blocks: [...(reads ? [...pyKnowledgeHelpers(ctx.knowledgeRoot), PY_CREATE_STORE] : []), pyVectorStoreIds(fs, ctx)],
    ...(reads ? { knowledgeNote: STORE_NOTE } : {}),
  };
}

/** The Assistants v2 `file_search` tool entry (its vector stores go in `tool_resources`). */
const assistantsTool = (fs: FileSearchPart): Record<string, unknown> => ({
  type: 'file_search',
  file_search: {
    max_num_results: fs.maxNumResults,
    ranking_options: { ranker: fs.rankingOptions.ranker === 'auto' ? 'auto' : 'default_2024_08_21', score_threshold: fs.rankingOptions.score_threshold },
  },
});

export const fileSearchExport: ToolExport<FileSearchToolConfig, FileSearchPart> = {
  plan(tools) {
    const first = tools[0]!;
    const responses: string[] = [];
    const assistants: string[] = [];
    if (tools.length > 1) {
      const merged = `The assistant has ${tools.length} File Search tools; the export merges them into one, with the first one's settings.`;
      responses.push(merged);
      assistants.push(merged);
    }
    if (first.ranker !== 'auto')
      responses.push(`The Responses API has no ranker "${first.ranker}"; the export uses its current fixed ranker "default-2024-11-15".`);
    if (tools.some((t) => t.index === 'local')) {
      responses.push('File Search uses a local index in the app; the exported code uploads the Knowledge files to an OpenAI vector store instead.');
      assistants.push('File Search uses a local index in the app; the exported code uploads the Knowledge files to a vector store on the server instead.');
    }
    const knowledge = tools.flatMap((t) => knowledgeSpecs(t.knowledge));
    const part: FileSearchPart = {
      vectorStoreIds: [...new Set(tools.flatMap((t) => t.vectorStoreIds))],
      knowledge,
      maxNumResults: first.maxResults,
      rankingOptions: { ranker: first.ranker === 'auto' ? 'auto' : 'default-2024-11-15', score_threshold: first.scoreThreshold },
      chunking:
        first.chunking.type === 'static'
          ? { type: 'static', static: { max_chunk_size_tokens: first.chunking.maxChunkSizeTokens, chunk_overlap_tokens: first.chunking.chunkOverlapTokens } }
          : { type: 'auto' },
    };
    return { part, warnings: { responses, assistants }, names: [], readsKnowledge: knowledge.length > 0 };
  },

  code: {
    typescript: (fs, ctx) => ({
      ...tsStores(fs, ctx),
      tools: [
        `    {
      type: 'file_search',
      vector_store_ids: await vectorStoreIds(),
      max_num_results: ${fs.maxNumResults},
      ranking_options: ${tsValue(fs.rankingOptions, '      ')},
    },`,
      ],
    }),
    'agents-typescript': (fs, ctx) => ({
      ...tsStores(fs, ctx),
      sdkImports: ['fileSearchTool'],
      tools: [`    fileSearchTool(await vectorStoreIds(), ${tsValue({ maxNumResults: fs.maxNumResults, rankingOptions: fs.rankingOptions }, '    ')}),`],
    }),
    'assistants-typescript': (fs, ctx) => ({
      ...tsStores(fs, ctx),
      tools: [`  ${tsValue(assistantsTool(fs), '  ')},`],
      resources: ['    file_search: { vector_store_ids: await vectorStoreIds() },'],
    }),
    python: (fs, ctx) => ({
      ...pyStores(fs, ctx),
      tools: [
        `        {
            "type": "file_search",
            "vector_store_ids": vector_store_ids(),
            "max_num_results": ${fs.maxNumResults},
            "ranking_options": ${pyValue(fs.rankingOptions, '            ')},
        },`,
      ],
    }),
    'agents-python': (fs, ctx) => ({
      ...pyStores(fs, ctx),
      sdkImports: ['FileSearchTool'],
      tools: [
        `            FileSearchTool(
                vector_store_ids=vector_store_ids(),
                max_num_results=${fs.maxNumResults},
                ranking_options=${pyValue(fs.rankingOptions, '                ')},
            ),`,
      ],
    }),
    'assistants-python': (fs, ctx) => ({
      ...pyStores(fs, ctx),
      tools: [`    ${pyValue(assistantsTool(fs), '    ')},`],
      resources: ['        "file_search": {"vector_store_ids": vector_store_ids()},'],
    }),
  },

  curl: (fs) => {
    const needsStore = fs.knowledge.length > 0;
    // Knowledge files need a vector store first; the script takes its id from VECTOR_STORE_ID.
    const ids = needsStore ? [...fs.vectorStoreIds, VECTOR_STORE_PLACEHOLDER] : fs.vectorStoreIds;
    return {
      tools: [{ type: 'file_search', vector_store_ids: ids, max_num_results: fs.maxNumResults, ranking_options: fs.rankingOptions }],
      notes: needsStore ? ['VECTOR_STORE_ID must name a vector store that holds the Knowledge files.'] : [],
      needsStore,
    };
  },
};
