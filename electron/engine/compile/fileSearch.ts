import type { CompileStep } from './types.ts';

export const compileFileSearch: CompileStep<'fileSearch'> = (node, ctx) => {
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
  };
};
