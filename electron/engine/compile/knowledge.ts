import type { CompileStep } from './types.ts';

export const compileKnowledge: CompileStep<'knowledge'> = (node) => ({
  nodeId: node.id,
  title: node.data.title,
  paths: node.data.paths.filter((p) => p.trim() !== ''),
  fileTypes: [...node.data.fileTypes],
});
