import { parseArguments } from '../arguments.ts';
import type { FileSearchDetail, ToolDriver } from '../types.ts';
import { fileSearchExport, type FileSearchPart } from './export.ts';

/**
 * A File Search node: searches the Knowledge wired into it, in the runtime's local index or (over the
 * Responses API, with `index: 'openai'`) in an OpenAI vector store that OpenAI searches itself.
 */
export const fileSearchDriver: ToolDriver<'file_search', 'fileSearch', FileSearchDetail, FileSearchPart> = {
  type: 'file_search',
  kind: 'fileSearch',

  compile(node, ctx) {
    const d = node.data;
    return {
      type: 'file_search',
      nodeId: node.id,
      maxResults: d.maxResults,
      ranker: d.ranker,
      scoreThreshold: d.scoreThreshold,
      chunking: d.chunking === 'static' ? { type: 'static', maxChunkSizeTokens: d.chunkSize, chunkOverlapTokens: d.chunkOverlap } : { type: 'auto' },
      index: d.index,
      vectorStoreIds: [...d.vectorStoreIds],
      knowledge: ctx.knowledgeInto(node.id),
      stores: [],
    };
  },

  // Offered as a function (as the SPEC does for compatible endpoints), so a call is recorded as a file search.
  functionSpec: () => ({
    name: 'file_search',
    description: "Search the assistant's knowledge files for passages relevant to a query.",
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', description: 'What to search for.' } },
      required: ['query'],
      additionalProperties: false,
    },
    strict: true,
  }),
  hostedOn: (tool, api) => api === 'responses' && tool.index === 'openai',
  runTool: (tool) => ({
    type: 'file_search',
    file_search: { max_num_results: tool.maxResults, ranking_options: { ranker: tool.ranker, score_threshold: tool.scoreThreshold } },
  }),
  newCall: (tool, id) => ({
    id,
    type: 'file_search',
    node_id: tool.nodeId,
    duration_ms: null,
    error: null,
    file_search: { ranking_options: { ranker: tool.ranker, score_threshold: tool.scoreThreshold }, results: [] },
  }),
  deltaStarted: (call) => ({ id: call.id, type: 'file_search' }),
  // Assistants streamed a file search only as it started; its results are in the completed step.
  deltaArguments: () => null,
  deltaOutput: () => null,
  asksUser: () => false,

  async run(call, ctx) {
    const parsed = parseArguments(call.arguments);
    if (!parsed.ok) return parsed.outcome;
    return ctx.local.fileSearch(call.tool, parsed.args);
  },

  record: (call, _args, outcome) => ({
    ...call,
    duration_ms: outcome.durationMs,
    error: outcome.error,
    file_search: { ...call.file_search, ...outcome.detail },
  }),

  describe: (call) => ({ name: 'file_search', input: call.file_search.query ?? '', result: `${call.file_search.results?.length ?? 0} result(s)` }),

  export: fileSearchExport,
};
