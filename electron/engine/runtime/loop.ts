import type { Run, RunError, Usage } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig, ToolChoiceConfig } from '../compile/types.ts';
import { ProviderFailure, type ConversationItem, type HostedToolsRequest, type ModelRequest } from '../providers/types.ts';
import { offeredFunctions } from '../tools/index.ts';
import type { RunContext } from './context.ts';
import { addUsage, estimateCost } from './cost.ts';
import { runToolRound } from './toolRound.ts';
import { streamTurn } from './turn.ts';

/**
 * The run loop: model turn → tool calls → outputs fed back, until the model answers without tools,
 * a limit is hit, the run is stopped or the provider fails. Every exit leaves the run terminal.
 */
export async function executeRun(ctx: RunContext): Promise<void> {
  let usage: Usage | null = null;
  const finalFields = (): Partial<Run> => ({ usage, estimated_cost: estimateCost(ctx.config.model, usage, ctx.prices()) });
  try {
    ctx.state.transition('in_progress');
    const items = [...ctx.history];
    let toolChoice: ToolChoiceConfig = ctx.config.toolChoice;
    for (let toolRounds = 0; ; ) {
      stopIfAsked(ctx);
      const hosted = ctx.builtins.hosted;
      const offered = request(ctx.config, items, toolChoice, hosted ? await hosted.request(ctx.config) : undefined);
      const turn = await streamTurn(ctx.provider, offered, ctx.recorder, ctx.config, {
        signal: ctx.signal,
        idleTimeoutMs: ctx.streamIdleTimeoutMs,
        retries: ctx.streamRetries,
        hosted: hosted?.turn(ctx.recorder),
      });
      usage = addUsage(usage, turn.usage);
      const text = ctx.recorder.messageText;
      if (turn.finish === 'length' || turn.finish === 'content_filter') {
        const cut = turn.finish === 'length';
        ctx.recorder.finishMessage(
          { status: 'incomplete', reason: cut ? 'max_tokens' : 'content_filter' },
          { status: 'completed', usage: turn.calls.length ? null : turn.usage },
        );
        // Calls cut off by the limit have incomplete arguments; they are recorded but not run.
        ctx.recorder.finishToolStep('cancelled', turn.usage);
        // A filtered answer is still the model's final answer; only a token limit leaves the run short of one.
        if (cut) ctx.state.transition('incomplete', { ...finalFields(), incomplete_details: { reason: 'max_completion_tokens' } });
        else ctx.state.transition('completed', finalFields());
        return;
      }
      const hasCalls = turn.calls.length > 0;
      ctx.recorder.finishMessage({ status: 'completed' }, { status: 'completed', usage: hasCalls ? null : turn.usage });
      if (!hasCalls) {
        // Calls the provider ran itself (hosted tools) may have opened a tool step; they are done.
        ctx.recorder.finishToolStep('completed', null);
        ctx.state.transition('completed', finalFields());
        return;
      }
      if (toolRounds >= ctx.maxToolRounds) {
        // Like a token limit: the run stops short of an answer, so it is incomplete rather than failed.
        ctx.recorder.finishToolStep('cancelled', turn.usage);
        ctx.state.transition('incomplete', { ...finalFields(), incomplete_details: { reason: 'max_tool_rounds' } });
        return;
      }
      toolRounds += 1;
      const outputs = await runToolRound(ctx, turn);
      if (text) items.push({ type: 'message', role: 'assistant', text });
      for (const call of turn.calls) items.push({ type: 'function_call', callId: call.id, name: call.name, arguments: call.arguments });
      for (const call of turn.calls) items.push({ type: 'function_call_output', callId: call.id, output: outputs.get(call.position)?.output ?? '' });
      // A forced tool choice applies to the first turn only; forcing it again would loop until the cap.
      toolChoice = toolChoice === 'none' ? 'none' : 'auto';
    }
  } catch (error) {
    stopRun(ctx, error, finalFields);
  }
}

function request(config: AssistantConfig, input: ConversationItem[], toolChoice: ToolChoiceConfig, hosted: HostedToolsRequest | undefined): ModelRequest {
  return {
    model: config.model,
    instructions: config.instructions,
    input,
    // Nodes the provider hosts are offered as its own tools, not as functions.
    tools: offeredFunctions(config, hosted !== undefined),
    ...(hosted ? { hosted } : {}),
    temperature: config.temperature,
    topP: config.topP,
    maxOutputTokens: config.maxCompletionTokens,
    responseFormat: config.responseFormat,
    toolChoice,
    parallelToolCalls: config.parallelToolCalls,
  };
}

function stopIfAsked(ctx: RunContext): void {
  if (ctx.signal.aborted) throw ctx.signal.reason;
}

/** Ends a run that did not finish normally: stopped by the user or the time limit, or failed. */
function stopRun(ctx: RunContext, error: unknown, finalFields: () => Partial<Run>): void {
  try {
    const kind = ctx.stopKind();
    if (kind === 'cancelled') {
      ctx.recorder.closeOpen('cancelled');
      if (ctx.state.canMoveTo('cancelling')) ctx.state.transition('cancelling');
      ctx.state.transition('cancelled', finalFields());
      return;
    }
    if (kind === 'expired') {
      ctx.recorder.closeOpen('expired');
      ctx.state.transition('expired', finalFields());
      return;
    }
    const lastError: RunError =
      error instanceof ProviderFailure
        ? { code: error.code, message: error.message }
        : { code: 'server_error', message: `Assistant Studio failed while running this assistant: ${error instanceof Error ? error.message : String(error)}` };
    if (!(error instanceof ProviderFailure)) ctx.onInternalError(error);
    ctx.recorder.closeOpen('failed', lastError);
    ctx.state.transition('failed', { ...finalFields(), last_error: lastError });
  } catch (secondary) {
    // The store itself is gone (the app is shutting down); the next start marks the run interrupted.
    ctx.onInternalError(secondary);
  }
}
