// Assistants API assistant objects (as `GET /v1/assistants/{id}` returned them) → graph nodes.
import { z } from 'zod';
import { newEdgeId, type NodeId } from '../../../../shared/ids.ts';
import { freezeNode } from '../../../../shared/graph/freeze.ts';
import { createNode } from '../../../../shared/graph/nodes.ts';
import type { GraphEdge, GraphNode } from '../../../../shared/graph/project.ts';
import { FUNCTION_NAME_PATTERN } from '../../../../shared/kinds/function.ts';
import type { AssistantData } from '../../../../shared/kinds/index.ts';
import type { Imported } from './types.ts';

const rankingSchema = z.looseObject({ ranker: z.string().optional(), score_threshold: z.number().min(0).max(1).optional() });

const toolSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('code_interpreter') }),
  z.looseObject({
    type: z.literal('file_search'),
    file_search: z.looseObject({ max_num_results: z.number().int().min(1).max(50).optional(), ranking_options: rankingSchema.optional() }).optional(),
  }),
  z.looseObject({
    type: z.literal('function'),
    function: z.looseObject({
      name: z.string().regex(FUNCTION_NAME_PATTERN, 'a function name is 1–64 letters, digits, _ or -'),
      description: z.string().nullish(),
      parameters: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const responseFormatSchema = z.union([
  z.literal('auto'),
  z.discriminatedUnion('type', [
    z.looseObject({ type: z.literal('text') }),
    z.looseObject({ type: z.literal('json_object') }),
    z.looseObject({
      type: z.literal('json_schema'),
      json_schema: z.looseObject({ name: z.string(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }),
    }),
  ]),
]);

export const assistantObjectSchema = z.looseObject({
  id: z.string().optional(),
  object: z.literal('assistant'),
  name: z.string().nullish(),
  description: z.string().nullish(),
  model: z.string(),
  instructions: z.string().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).optional(),
  tool_resources: z
    .looseObject({
      code_interpreter: z.looseObject({ file_ids: z.array(z.string()).optional() }).nullish(),
      file_search: z.looseObject({ vector_store_ids: z.array(z.string()).optional() }).nullish(),
    })
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  response_format: responseFormatSchema.nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type AssistantObject = z.infer<typeof assistantObjectSchema>;

const KNOWN_TOOLS = new Set(['code_interpreter', 'file_search', 'function']);

/** Problems with tools of a known type; unknown types are not malformed, just left out (and reported). */
export function toolProblems(objects: AssistantObject[]): string[] {
  return objects.flatMap((a, i) =>
    (a.tools ?? []).flatMap((tool, j) => {
      if (!KNOWN_TOOLS.has(tool.type)) return [];
      const parsed = toolSchema.safeParse(tool);
      return parsed.success ? [] : parsed.error.issues.map((issue) => `${[i, 'tools', j, ...issue.path].join('.')}: ${issue.message}`);
    }),
  );
}

const METADATA_PAIRS = 16;
const METADATA_VALUE = 512;
const COLUMN = 320;
const ROW = 180;

/** The assistant's metadata plus what the graph has no place for, within the API's limits. */
function metadataWithExtras(a: AssistantObject, label: string, notes: string[]): Record<string, string> {
  const metadata: Record<string, string> = { ...(a.metadata ?? {}) };
  const extras: [string, string | undefined, string][] = [
    ['assistant_id', a.id, 'the old assistant id'],
    ['description', a.description ?? undefined, 'the description'],
    ['code_interpreter_file_ids', a.tool_resources?.code_interpreter?.file_ids?.join(','), 'the Code Interpreter file ids (hosted files, not local Knowledge)'],
  ];
  for (const [key, value, what] of extras) {
    if (!value) continue;
    if (key in metadata || Object.keys(metadata).length >= METADATA_PAIRS) {
      notes.push(`${label}: ${what} did not fit into the metadata and was dropped: ${value}`);
      continue;
    }
    metadata[key] = value.slice(0, METADATA_VALUE);
    notes.push(`${label}: ${what} is kept in the metadata as "${key}"${value.length > METADATA_VALUE ? ` (cut to ${METADATA_VALUE} characters)` : ''}.`);
  }
  return metadata;
}

function responseFormat(a: AssistantObject): Partial<AssistantData> {
  const rf = a.response_format;
  if (!rf || rf === 'auto' || rf.type === 'text') return { responseFormat: 'text' };
  if (rf.type === 'json_object') return { responseFormat: 'json_object' };
  return {
    responseFormat: 'json_schema',
    responseSchemaName: rf.json_schema.name,
    responseSchema: rf.json_schema.schema ?? { type: 'object', properties: {} },
    responseSchemaStrict: rf.json_schema.strict ?? false,
  };
}

const handlerTemplate = (name: string): string => `// Imported from the Assistants API, where the function ran in your own code.
// Write the handler here, then switch "When called" to "Run the handler".
export default async function handler(args: Args, ctx: HandlerContext) {
  ctx.log('${name} called with', args);
  throw new Error('${name} has no handler yet.');
}
`;

/** One assistant object as an Assistant node with its tools in a column to its left (see ImportOptions for `served`). */
function importOne(
  a: AssistantObject,
  origin: { x: number; y: number },
  notes: string[],
  served: boolean,
): { nodes: GraphNode[]; edges: GraphEdge[]; height: number } {
  const name = a.name || a.id || 'Imported assistant';
  const label = `“${name}”`;
  const toolNodes: GraphNode[] = [];
  const at = () => ({ x: origin.x - COLUMN, y: origin.y + toolNodes.length * ROW });
  for (const [i, raw] of (a.tools ?? []).entries()) {
    const parsed = toolSchema.safeParse(raw);
    if (!parsed.success) {
      // Known tool types were checked by toolProblems, so this is a type the graph has no node for.
      notes.push(`${label}: tool ${i + 1} (${raw.type}) is not supported and was left out.`);
      continue;
    }
    const tool = parsed.data;
    if (tool.type === 'code_interpreter') toolNodes.push(createNode('codeInterpreter', at(), { sandbox: served ? 'local' : 'openai' }));
    if (tool.type === 'file_search') {
      const ranking = tool.file_search?.ranking_options;
      const storeIds = a.tool_resources?.file_search?.vector_store_ids ?? [];
      // The API spells it default_2024_08_21; older exports of ours, default-2024-08-21.
      const dated = ranking?.ranker === 'default_2024_08_21' || ranking?.ranker === 'default-2024-08-21';
      if (ranking?.ranker && ranking.ranker !== 'auto' && !dated) {
        notes.push(`${label}: the ranker "${ranking.ranker}" is unknown; File Search uses "auto".`);
      }
      // The server's vector stores live in its local index, which a File Search node cannot name.
      if (served && storeIds.length > 0) {
        notes.push(`${label}: its vector stores (${storeIds.join(', ')}) stay with the API; wire Knowledge nodes into File Search to search files here.`);
      }
      toolNodes.push(
        createNode('fileSearch', at(), {
          maxResults: tool.file_search?.max_num_results ?? 20,
          ranker: dated ? 'default-2024-08-21' : 'auto',
          scoreThreshold: ranking?.score_threshold ?? 0,
          index: served ? 'local' : 'openai',
          vectorStoreIds: served ? [] : storeIds,
        }),
      );
    }
    if (tool.type === 'function') {
      const fn = tool.function;
      toolNodes.push(
        createNode('function', at(), {
          name: fn.name,
          description: fn.description ?? '',
          parameters: fn.parameters ?? { type: 'object', properties: {} },
          strict: fn.strict ?? false,
          mode: 'ask',
          handler: handlerTemplate(fn.name),
        }),
      );
    }
  }
  const created = createNode('assistant', origin, {
    name,
    model: a.model,
    instructions: a.instructions ?? '',
    temperature: a.temperature ?? null,
    topP: a.top_p ?? null,
    ...responseFormat(a),
    metadata: metadataWithExtras(a, label, notes),
  });
  const keptId = served && a.id?.startsWith('asst_') ? a.id.slice('asst_'.length) : '';
  const assistant = keptId ? freezeNode({ ...created, id: keptId as NodeId }) : created;
  const edges = toolNodes.map((t): GraphEdge => ({ id: newEdgeId(), source: t.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' }));
  return { nodes: [assistant, ...toolNodes], edges, height: Math.max(1, toolNodes.length) * ROW + ROW };
}

/** Assistants stacked top to bottom from `origin`, each with its tools. */
export function importAssistantObjects(objects: AssistantObject[], origin: { x: number; y: number }, served: boolean): Imported {
  const notes: string[] = [];
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const assistants: { name: string; nodeId: string }[] = [];
  let y = origin.y;
  for (const a of objects) {
    const one = importOne(a, { x: origin.x, y }, notes, served);
    y += one.height;
    nodes.push(...one.nodes);
    edges.push(...one.edges);
    const node = one.nodes[0]!;
    assistants.push({ name: node.kind === 'assistant' ? node.data.name : '', nodeId: node.id });
    if (a.tools?.some((t) => t.type === 'function')) {
      notes.push(
        `“${node.kind === 'assistant' ? node.data.name : ''}”: functions are set to "Ask me" with a handler template; write the handlers to run them.`,
      );
    }
  }
  return { nodes, edges, report: { source: 'assistants-api', assistants, notes } };
}
