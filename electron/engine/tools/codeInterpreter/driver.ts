import type { CodeInterpreterDetail, ToolDriver } from '../types.ts';
import { codeInterpreterExport, type CodeInterpreterPart } from './export.ts';

/** The code of an interpreter call; a model that sends bare code instead of `{code}` is taken at its word. */
function codeOf(args: string): string {
  try {
    const parsed = JSON.parse(args) as { code?: unknown };
    return typeof parsed.code === 'string' ? parsed.code : args;
  } catch {
    return args;
  }
}

/**
 * A Code Interpreter node: Python in the thread's local sandbox session, or (over the Responses API,
 * with `sandbox: 'openai'`) in an OpenAI container that OpenAI runs itself.
 */
export const codeInterpreterDriver: ToolDriver<'code_interpreter', 'codeInterpreter', CodeInterpreterDetail, CodeInterpreterPart> = {
  type: 'code_interpreter',
  kind: 'codeInterpreter',

  compile: (node, ctx) => ({
    type: 'code_interpreter',
    nodeId: node.id,
    sandbox: node.data.sandbox,
    timeLimitMs: Math.round(node.data.timeLimitSeconds * 1000),
    memoryLimitMb: node.data.memoryLimitMb,
    files: ctx.knowledgeInto(node.id),
    fileIds: [],
  }),

  functionSpec: () => ({
    name: 'code_interpreter',
    description: 'Run Python code in a sandbox and return its output.',
    parameters: {
      type: 'object',
      properties: { code: { type: 'string', description: 'The Python code to run.' } },
      required: ['code'],
      additionalProperties: false,
    },
    strict: true,
  }),
  hostedOn: (tool, api) => api === 'responses' && tool.sandbox === 'openai',
  runTool: () => ({ type: 'code_interpreter' }),
  newCall: (tool, id) => ({ id, type: 'code_interpreter', node_id: tool.nodeId, duration_ms: null, error: null, code_interpreter: { input: '', outputs: [] } }),
  deltaStarted: (call) => ({ id: call.id, type: 'code_interpreter' }),
  // The code arrives as function arguments (JSON), not as Assistants' `code_interpreter.input` deltas; the completed step has it.
  deltaArguments: () => null,
  deltaOutput: () => null,
  asksUser: () => false,

  run: (call, ctx) => ctx.local.codeInterpreter(call.tool, call.id, codeOf(call.arguments)),

  record: (call, args, outcome) => ({
    ...call,
    duration_ms: outcome.durationMs,
    error: outcome.error,
    code_interpreter: { ...call.code_interpreter, ...outcome.detail, input: codeOf(args) },
  }),

  describe: (call) => ({
    name: 'code_interpreter',
    input: call.code_interpreter.input,
    result: call.code_interpreter.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('\n'),
  }),

  export: codeInterpreterExport,
};
