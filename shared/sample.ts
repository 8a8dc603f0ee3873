import { freezeProject } from './graph/freeze.ts';
import { createEdge, createNode } from './graph/nodes.ts';
import { PROJECT_FORMAT, PROJECT_SCHEMA_VERSION, type Project } from './graph/project.ts';

const SEARCH_DATABASE_HANDLER = `const PAPERS = [
  { id: 'P-101', title: 'Retrieval-augmented generation for open-domain QA', category: 'nlp', year: 2020 },
  { id: 'P-102', title: 'Dense passage retrieval', category: 'nlp', year: 2020 },
  { id: 'P-201', title: 'Protein structure prediction with deep learning', category: 'biology', year: 2021 },
  { id: 'P-301', title: 'Climate sensitivity from observational records', category: 'climate', year: 2019 },
];

export default async function handler(args: Args, ctx: HandlerContext) {
  const query = args.query.toLowerCase();
  const results = PAPERS.filter(
    (p) => (args.category === 'all' || p.category === args.category) && p.title.toLowerCase().includes(query),
  );
  ctx.log(\`\${results.length} result(s) for "\${args.query}" in \${args.category}\`);
  return { results };
}
`;

/** The project that opens on first start: a complete research assistant graph. */
export function sampleProject(): Project {
  const assistant = createNode(
    'assistant',
    { x: 640, y: 160 },
    {
      name: 'Research assistant',
      instructions:
        'You are a careful research assistant.\n\n- Answer from the knowledge files when you can and cite them.\n- Use search_database to find papers by topic.\n- Use the code interpreter for numbers and charts.',
      model: '',
      temperature: 0.3,
    },
  );
  const knowledge = createNode('knowledge', { x: 0, y: 0 }, { title: 'Research notes', paths: ['knowledge'] });
  const fileSearch = createNode('fileSearch', { x: 320, y: 0 });
  const codeInterpreter = createNode('codeInterpreter', { x: 320, y: 200 });
  const searchDatabase = createNode(
    'function',
    { x: 320, y: 360 },
    {
      name: 'search_database',
      description: 'Search the paper database by free-text query, optionally within one category.',
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'Words to look for in paper titles.' },
          category: { type: 'string', enum: ['all', 'nlp', 'biology', 'climate'], description: 'Category to search in.' },
        },
        required: ['query', 'category'],
        additionalProperties: false,
      },
      strict: true,
      handler: SEARCH_DATABASE_HANDLER,
    },
  );
  const note = createNode(
    'note',
    { x: 0, y: 360 },
    {
      text: 'Sample project\n\nKnowledge feeds File Search; every tool is wired into the assistant. Select a node to edit it.',
    },
  );
  return freezeProject({
    format: PROJECT_FORMAT,
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name: 'Research assistant',
    settings: { provider: 'openai', model: 'gpt-4.1-mini' },
    nodes: [assistant, knowledge, fileSearch, codeInterpreter, searchDatabase, note],
    edges: [
      createEdge('e_knowledge_fs', knowledge.id, 'knowledge', fileSearch.id, 'knowledge'),
      createEdge('e_fs_assistant', fileSearch.id, 'tool', assistant.id, 'tools'),
      createEdge('e_ci_assistant', codeInterpreter.id, 'tool', assistant.id, 'tools'),
      createEdge('e_fn_assistant', searchDatabase.id, 'tool', assistant.id, 'tools'),
    ],
  });
}

/** Files written next to the sample project, relative to it. */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  'knowledge/retrieval.md': `# Retrieval-augmented generation\n\nRetrieval-augmented generation (RAG) pairs a language model with a search step: the question is used to\nretrieve passages from a document collection, and the model answers with those passages in its context.\nThis reduces hallucination and lets answers cite their sources.\n\n## Hybrid search\n\nKeyword search (BM25) is strong on rare terms and exact names; vector search is strong on paraphrases.\nFusing both rankings (for example with reciprocal rank fusion) usually beats either alone.\n`,
  'knowledge/evaluation.md': `# Evaluating retrieval\n\nnDCG@10 rewards relevant documents near the top of the ranking. Recall@100 measures how many of the\nrelevant documents appear anywhere in the first hundred results. BEIR is a common benchmark suite with\ndatasets such as SciFact, NFCorpus and FiQA.\n`,
};
