import { UNREVIEWED_MESSAGE, UNTRUSTED_MESSAGE } from '../../handlers/testHandler.ts';
import { handlerMayRun } from '../../trust.ts';
import { failedCall, parseArguments } from '../arguments.ts';
import type { ToolDriver } from '../types.ts';
import { functionExport, type FunctionsPart } from './export.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Function node: the model calls it by its name; its handler, the user ("ask me") or a fixed output answers. */
export const functionDriver: ToolDriver<'function', 'function', unknown, FunctionsPart> = {
  type: 'function',
  kind: 'function',

  compile(node) {
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
      network: d.network,
      mockOutput: d.mockOutput,
    };
  },

  functionSpec: (tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters, strict: tool.strict }),
  hostedOn: () => false,
  runTool: (tool) => ({ type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.parameters, strict: tool.strict } }),
  newCall: (tool, id, name) => ({
    id,
    type: 'function',
    function: { name, arguments: '', output: null },
    node_id: tool.nodeId,
    logs: [],
    duration_ms: null,
    error: null,
  }),
  deltaStarted: (call) => ({ id: call.id, type: 'function', function: { name: call.function.name, arguments: '', output: null } }),
  deltaArguments: (_call, delta) => ({ type: 'function', function: { arguments: delta } }),
  deltaOutput: (call) => (call.function.output === null ? null : { type: 'function', function: { output: call.function.output } }),
  asksUser: (tool) => tool.mode === 'ask',

  async run(call, ctx) {
    const tool = call.tool;
    if (tool.mode === 'mock') return { output: tool.mockOutput, logs: [], durationMs: 0, error: null };
    const parsed = parseArguments(call.arguments);
    if (!parsed.ok) return parsed.outcome;
    if (!handlerMayRun(ctx.trust, tool.nodeId)) return failedCall('untrusted', ctx.trust.trusted ? UNREVIEWED_MESSAGE : UNTRUSTED_MESSAGE);
    ctx.onHandlerStarted(call, tool);
    const result = await ctx.runner.run(
      {
        source: tool.handler,
        args: parsed.args,
        env: ctx.env,
        timeoutMs: tool.timeoutMs,
        network: tool.network,
        onLog: (line) => ctx.onHandlerLogged(call, tool, line),
      },
      ctx.signal,
    );
    ctx.onHandlerFinished(call, tool, result);
    return result;
  },

  record: (call, args, outcome) => ({
    ...call,
    duration_ms: outcome.durationMs,
    error: outcome.error,
    function: { ...call.function, arguments: args, output: outcome.output },
    logs: outcome.logs,
  }),

  describe: (call) => ({ name: call.function.name, input: call.function.arguments, result: call.function.output ?? '' }),

  export: functionExport,
};
