import type { CompileStep } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const compileFunction: CompileStep<'function'> = (node) => {
  const d = node.data;
  return {
    type: 'function',
    nodeId: node.id,
    name: d.name,
    description: d.description,
    // Validation rejects non-object schemas before a run starts; this keeps the type honest.
    parameters: isObject(d.parameters) ? d.parameters : { type: 'object', properties: {} },
    strict: d.strict,
    mode: d.mode,
    handler: d.handler,
    timeoutMs: Math.round(d.timeoutSeconds * 1000),
    mockOutput: d.mockOutput,
  };
};
