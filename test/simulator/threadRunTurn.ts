import type { Message } from 'openai/resources/beta/threads/messages';
import type { FunctionToolCall } from 'openai/resources/beta/threads/runs/steps';
import type { AssistantsState, RunProgress, StepUsage } from './assistants.ts';
import type { Channel, StreamEvent } from './assistantsEvents.ts';
import { unixSeconds } from './http.ts';
import { splitArguments, type Plan } from './plan.ts';
import { newRunMessage, newStep } from './threadObjects.ts';

/** What a run's player needs: the state it changes, the run, where its events go, and the model's turn. */
export interface Player {
  state: AssistantsState;
  progress: RunProgress;
  channel: Channel;
  plan: Plan;
  /** Wait before the model's output (the turn's `delayMs`). */
  delayMs: number | undefined;
}

const NO_USAGE: StepUsage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };

/** A new run: `created` and `queued`, then `in_progress` and the model's turn. */
export async function playNewRun(player: Player): Promise<void> {
  const { run } = player.progress;
  await player.channel.emit('thread.run.created', run);
  await player.channel.emit('thread.run.queued', run);
  run.status = 'in_progress';
  run.started_at = unixSeconds();
  await player.channel.emit('thread.run.in_progress', run);
  await playTurn(player);
}

/**
 * A run whose tool outputs were just accepted (the route has already filled them into the step and
 * queued the run): `queued`, `in_progress`, the completed tool-call step, then the model's next turn.
 */
export async function playResumedRun(player: Player, toolStep: RunProgress['activeStep']): Promise<void> {
  const { run } = player.progress;
  await player.channel.emit('thread.run.queued', run);
  run.status = 'in_progress';
  await player.channel.emit('thread.run.in_progress', run);
  if (toolStep) await player.channel.emit('thread.run.step.completed', toolStep);
  await playTurn(player);
}

/**
 * One model turn: its text as a `message_creation` step, then its function calls as a `tool_calls`
 * step that leaves the run `requires_action`; with no calls the run completes (or is `incomplete` when
 * `max_completion_tokens` cut the text). The turn's usage goes on its last step.
 */
async function playTurn(player: Player): Promise<void> {
  const { progress, plan, channel } = player;
  await channel.pause(player.delayMs);
  const usage = { prompt_tokens: plan.inputTokens, completion_tokens: plan.outputTokens, total_tokens: plan.inputTokens + plan.outputTokens };
  progress.usage.prompt_tokens += usage.prompt_tokens;
  progress.usage.completion_tokens += usage.completion_tokens;
  const calls = plan.toolCalls;
  if (plan.textChunks) await playMessage(player, plan.textChunks, calls.length > 0 ? NO_USAGE : usage);
  if (calls.length > 0) return playToolCalls(player, usage);
  const { run } = progress;
  const now = unixSeconds();
  if (plan.truncated) {
    run.status = 'incomplete';
    run.incomplete_details = { reason: 'max_completion_tokens' };
  } else {
    run.status = 'completed';
    run.completed_at = now;
  }
  run.usage = totals(progress);
  await channel.emit(`thread.run.${run.status}`, run);
}

async function playMessage(player: Player, chunks: string[], usage: StepUsage): Promise<void> {
  const { progress, channel, state } = player;
  const message = state.messages.add(newRunMessage(progress.run));
  const step = state.steps.add(newStep(progress.run, { type: 'message_creation', message_creation: { message_id: message.id } }));
  progress.activeStep = step;
  await channel.emit('thread.run.step.created', step);
  await channel.emit('thread.run.step.in_progress', step);
  progress.activeMessage = message;
  await channel.emit('thread.message.created', message);
  await channel.emit('thread.message.in_progress', message);
  let text = '';
  for (const [index, chunk] of chunks.entries()) {
    text += chunk;
    message.content = [{ type: 'text', text: { value: text, annotations: [] } }];
    // Annotations are sent once, with the first delta: the SDK concatenates whatever is sent again.
    const part = index === 0 ? { value: chunk, annotations: [] } : { value: chunk };
    await channel.emit('thread.message.delta', {
      id: message.id,
      object: 'thread.message.delta',
      delta: { content: [{ index: 0, type: 'text', text: part }] },
    });
  }
  message.content = [{ type: 'text', text: { value: text, annotations: [] } }];
  const now = unixSeconds();
  if (player.plan.truncated) {
    message.status = 'incomplete';
    message.incomplete_at = now;
    message.incomplete_details = { reason: 'max_tokens' };
  } else {
    message.status = 'completed';
    message.completed_at = now;
  }
  progress.activeMessage = undefined;
  await channel.emit(`thread.message.${message.status}`, message);
  step.status = 'completed';
  step.completed_at = now;
  step.usage = usage;
  progress.activeStep = undefined;
  await channel.emit('thread.run.step.completed', step);
}

// The step stays in progress: it completes when the outputs are submitted (the real API does the same).
async function playToolCalls(player: Player, usage: StepUsage): Promise<void> {
  const { progress, channel, state } = player;
  const { run } = progress;
  const calls: FunctionToolCall[] = [];
  const step = state.steps.add(newStep(run, { type: 'tool_calls', tool_calls: calls }));
  progress.activeStep = step;
  await channel.emit('thread.run.step.created', step);
  await channel.emit('thread.run.step.in_progress', step);
  const delta = (entry: object): object => ({
    id: step.id,
    object: 'thread.run.step.delta',
    delta: { step_details: { type: 'tool_calls', tool_calls: [entry] } },
  });
  for (const [index, call] of player.plan.toolCalls.entries()) {
    calls.push({ id: call.callId, type: 'function', function: { name: call.name, arguments: call.arguments, output: null } });
    await channel.emit(
      'thread.run.step.delta',
      delta({ index, id: call.callId, type: 'function', function: { name: call.name, arguments: '', output: null } }),
    );
    for (const fragment of splitArguments(call.arguments)) {
      await channel.emit('thread.run.step.delta', delta({ index, type: 'function', function: { arguments: fragment } }));
    }
  }
  progress.pendingUsage = usage;
  run.status = 'requires_action';
  run.required_action = {
    type: 'submit_tool_outputs',
    submit_tool_outputs: {
      tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } })),
    },
  };
  await channel.emit('thread.run.requires_action', run);
}

/**
 * Ends a run from outside its player (a cancel, or a failure of the simulated model): the open message
 * becomes incomplete, the open step cancelled or failed, and the run cancelled or failed. Returns the
 * events that announce it, for a player that is still streaming.
 */
export function endRun(
  progress: RunProgress,
  outcome: 'cancelled' | 'failed',
  reason = 'The server had an error while processing your request. Sorry about that!',
): StreamEvent[] {
  const events: StreamEvent[] = [];
  const now = unixSeconds();
  const { run, activeMessage: message, activeStep: step } = progress;
  if (message?.status === 'in_progress') {
    endMessage(message, outcome, now);
    events.push({ event: 'thread.message.incomplete', data: structuredClone(message) });
  }
  if (step?.status === 'in_progress') {
    step.status = outcome;
    if (outcome === 'cancelled') step.cancelled_at = now;
    else Object.assign(step, { failed_at: now, last_error: { code: 'server_error', message: reason } });
    events.push({ event: `thread.run.step.${outcome}`, data: structuredClone(step) });
  }
  run.status = outcome;
  run.required_action = null;
  if (outcome === 'cancelled') run.cancelled_at = now;
  else Object.assign(run, { failed_at: now, last_error: { code: 'server_error', message: reason } });
  run.usage = totals(progress);
  events.push({ event: `thread.run.${outcome}`, data: structuredClone(run) });
  progress.activeMessage = undefined;
  progress.activeStep = undefined;
  progress.pendingUsage = undefined;
  return events;
}

function endMessage(message: Message, outcome: 'cancelled' | 'failed', now: number): void {
  message.status = 'incomplete';
  message.incomplete_at = now;
  message.incomplete_details = { reason: outcome === 'cancelled' ? 'run_cancelled' : 'run_failed' };
}

function totals(progress: RunProgress): StepUsage {
  const { prompt_tokens, completion_tokens } = progress.usage;
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
