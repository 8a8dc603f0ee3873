import type { CompileStep } from './types.ts';

export const compileCodeInterpreter: CompileStep<'codeInterpreter'> = (node, ctx) => ({
  type: 'code_interpreter',
  nodeId: node.id,
  sandbox: node.data.sandbox,
  timeLimitMs: Math.round(node.data.timeLimitSeconds * 1000),
  memoryLimitMb: node.data.memoryLimitMb,
  files: ctx.knowledgeInto(node.id),
});
