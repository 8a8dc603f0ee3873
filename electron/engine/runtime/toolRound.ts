import { asksUser, recordOutcome, roundCalls, runCall, type CallOutcome, type RoundCall, type ToolRunContext } from '../tools/index.ts';
import type { RunContext } from './context.ts';
import type { TurnResult } from './turn.ts';

/** Runs a round's calls (all at once), waits for the user where a Function asks, and closes the tool step. */
export async function runToolRound(ctx: RunContext, turn: TurnResult): Promise<Map<number, CallOutcome>> {
  const calls = roundCalls(ctx.config, turn.calls);
  const outcomes = new Map<number, CallOutcome>();
  const stepId = ctx.recorder.toolStepId ?? '';
  const record = (call: RoundCall, outcome: CallOutcome): void => {
    outcomes.set(call.position, outcome);
    const current = ctx.recorder.toolCalls()[call.position];
    if (current) ctx.recorder.updateToolCall(call.position, recordOutcome(current, call.arguments, outcome));
  };
  const toolCtx: ToolRunContext = {
    runner: ctx.runner,
    trust: ctx.trust,
    env: ctx.env,
    signal: ctx.signal,
    local: ctx.builtins,
    onHandlerStarted: (call: RoundCall, tool: { nodeId: string }) =>
      ctx.emit({ event: 'thread.run.step.handler_started', data: { step_id: stepId, tool_call_id: call.id, node_id: tool.nodeId } }),
    onHandlerLogged: (call: RoundCall, tool: { nodeId: string }, line: string) =>
      ctx.emit({ event: 'thread.run.step.handler_logged', data: { step_id: stepId, tool_call_id: call.id, node_id: tool.nodeId, line } }),
    onHandlerFinished: (call: RoundCall, tool: { nodeId: string }, result: CallOutcome) =>
      ctx.emit({
        event: 'thread.run.step.handler_finished',
        data: { step_id: stepId, tool_call_id: call.id, node_id: tool.nodeId, duration_ms: result.durationMs, error: result.error },
      }),
  };
  await Promise.all(calls.filter((c) => !asksUser(c)).map(async (call) => record(call, await runCall(call, toolCtx))));
  // A cancel during the handlers ends the round here; their outcomes are already recorded.
  if (ctx.signal.aborted) throw ctx.signal.reason;

  const asks = calls.filter(asksUser);
  if (asks.length > 0) {
    ctx.recorder.saveToolStep();
    ctx.state.transition('requires_action', {
      required_action: {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: asks.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })) },
      },
    });
    const asked = performance.now();
    const submitted = await ctx.waitForOutputs(asks.map((c) => c.id));
    ctx.state.transition('in_progress');
    const waited = Math.round(performance.now() - asked);
    for (const call of asks) {
      const output = submitted.find((s) => s.tool_call_id === call.id)?.output ?? '';
      record(call, { output, logs: [], durationMs: waited, error: null });
    }
  }
  ctx.recorder.finishToolStep('completed', turn.usage);
  return outcomes;
}
