import { freezeProject } from './graph/freeze.ts';
import { createEdge, createNode } from './graph/nodes.ts';
import { emptyProject, PROJECT_FORMAT, PROJECT_SCHEMA_VERSION, type GraphEdge, type GraphNode, type Project } from './graph/project.ts';
import { SAMPLE_FILES } from './sample.ts';

import type { TemplateId } from './templateIds.ts';

/** What "New project" offers: each is a whole graph, written with the files it reads so it runs at once. */

export interface ProjectTemplate {
  id: TemplateId;
  title: string;
  /** One sentence under the title in the gallery. */
  summary: string;
  /** A message to try it with, shown in the gallery. */
  tryWith: string | null;
  project(): Project;
  /** Files written next to the project file, by relative path. */
  files: Readonly<Record<string, string>>;
}

const projectOf = (name: string, nodes: GraphNode[], edges: GraphEdge[]): Project =>
  freezeProject({ format: PROJECT_FORMAT, schemaVersion: PROJECT_SCHEMA_VERSION, name, settings: { provider: 'openai', model: 'gpt-4.1-mini' }, nodes, edges });

/** Knowledge wired into a built-in tool wired into an Assistant: the shape of the research and analyst templates. */
function knowledgeTemplate(
  name: string,
  instructions: string,
  knowledge: { title: string; paths: string[] },
  tool: { kind: 'fileSearch' | 'codeInterpreter'; port: 'knowledge' | 'files' },
): Project {
  const assistant = createNode('assistant', { x: 640, y: 120 }, { name, instructions });
  const source = createNode('knowledge', { x: 0, y: 120 }, knowledge);
  const node = createNode(tool.kind, { x: 320, y: 120 });
  return projectOf(
    name,
    [assistant, source, node],
    [createEdge('e_knowledge_tool', source.id, 'knowledge', node.id, tool.port), createEdge('e_tool_assistant', node.id, 'tool', assistant.id, 'tools')],
  );
}

const research = (): Project =>
  knowledgeTemplate(
    'Research assistant',
    'You answer questions from the research notes. Search them first, answer briefly, and cite the passages you use.',
    { title: 'Research notes', paths: ['knowledge'] },
    { kind: 'fileSearch', port: 'knowledge' },
  );

const SALES_CSV = `month,region,orders,revenue
2026-01,north,120,18400
2026-02,north,135,20150
2026-03,north,128,19300
2026-04,north,150,23100
2026-05,north,162,24800
2026-06,north,171,26350
2026-07,north,158,24200
2026-08,north,149,22900
2026-09,north,166,25600
2026-10,north,180,27900
2026-11,north,191,29600
`;

const analyst = (): Project =>
  knowledgeTemplate(
    'Data analyst',
    'You analyse the data files with Python. Look at the data before you answer, show a chart when it helps, and state the numbers you found.',
    { title: 'Sales data', paths: ['data/sales.csv'] },
    { kind: 'codeInterpreter', port: 'files' },
  );

const PRODUCTS_HANDLER = `const PRODUCTS = [
  { sku: 'KT-100', name: 'Travel kettle', category: 'kitchen', price: 39, stock: 12 },
  { sku: 'KT-200', name: 'Glass kettle', category: 'kitchen', price: 59, stock: 0 },
  { sku: 'LM-300', name: 'Desk lamp', category: 'office', price: 45, stock: 31 },
  { sku: 'CH-400', name: 'Office chair', category: 'office', price: 189, stock: 4 },
  { sku: 'BK-500', name: 'Bike light', category: 'outdoor', price: 25, stock: 58 },
];

export default async function handler(args: Args, ctx: HandlerContext) {
  const words = args.query.toLowerCase().split(/\\s+/).filter(Boolean);
  const results = PRODUCTS.filter(
    (p) => (args.category === 'any' || p.category === args.category) && words.some((w) => p.name.toLowerCase().includes(w)),
  );
  ctx.log(\`\${results.length} product(s) for "\${args.query}" in \${args.category}\`);
  return { results };
}
`;

function product(): Project {
  const assistant = createNode(
    'assistant',
    { x: 640, y: 120 },
    {
      name: 'Product assistant',
      instructions: 'You help customers find products. Use search_products for anything about the catalogue, prices or stock; never make products up.',
    },
  );
  const search = createNode(
    'function',
    { x: 320, y: 120 },
    {
      name: 'search_products',
      description: 'Search the product catalogue by name, optionally within one category; gives price and stock.',
      parameters: {
        type: 'object',
        properties: {
          query: { type: 'string', description: 'Words from the product name.' },
          category: { type: 'string', enum: ['any', 'kitchen', 'office', 'outdoor'], description: 'Category to search in.' },
        },
        required: ['query', 'category'],
        additionalProperties: false,
      },
      strict: true,
      handler: PRODUCTS_HANDLER,
    },
  );
  return projectOf('Product assistant', [assistant, search], [createEdge('e_fn_assistant', search.id, 'tool', assistant.id, 'tools')]);
}

export const TEMPLATES: readonly ProjectTemplate[] = [
  {
    id: 'blank',
    title: 'Blank project',
    summary: 'An empty canvas: add an Assistant and wire tools into it.',
    tryWith: null,
    project: () => emptyProject(),
    files: {},
  },
  {
    id: 'research',
    title: 'Research assistant',
    summary: 'File Search over a folder of notes, with answers that cite the passages they use.',
    tryWith: 'What do the notes say about hybrid search?',
    project: research,
    files: SAMPLE_FILES,
  },
  {
    id: 'analyst',
    title: 'Data analyst',
    summary: 'The Code Interpreter with a CSV file: Python summarises the data and draws charts.',
    tryWith: 'Chart the sales data',
    project: analyst,
    files: { 'data/sales.csv': SALES_CSV },
  },
  {
    id: 'product',
    title: 'Product assistant',
    summary: 'A search_products Function whose handler looks up a small catalogue.',
    tryWith: 'Search products: is the kettle in stock in kitchen?',
    project: product,
    files: {},
  },
];

export const templateOf = (id: TemplateId): ProjectTemplate => TEMPLATES.find((t) => t.id === id)!;
