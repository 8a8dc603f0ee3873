import type { Message } from 'openai/resources/beta/threads/messages';
import type { Thread } from 'openai/resources/beta/threads/threads';
import type { RunProgress } from './assistants.ts';
import { RUN_POLL_HEADERS, sendList, sendObject } from './assistantsEvents.ts';
import { parseMessageInput } from './assistantsFields.ts';
import { isObject, parseMetadata } from './fields.ts';
import { invalidRequest, param, parseJsonObject, unixSeconds, type Route, type RouteContext } from './http.ts';
import { newClientMessage } from './threadObjects.ts';
import { parseNewThread, storeThread, THREAD } from './threadRoutes.ts';
import { answerRun, newRun, threadMessages, type AssistantsEnv } from './threadRuns.ts';
import { endRun, playNewRun, playResumedRun, type Player } from './threadRunTurn.ts';
import type { ToolOutput } from './types.ts';

const RUN = `${THREAD}/runs/(?<run>[^/]+)`;

/**
 * Runs and their steps. `POST /v1/threads/runs` must be routed before `POST /v1/threads/{id}`, which
 * its path also matches.
 */
export function threadRunRoutes(env: AssistantsEnv): Route[] {
  const { state } = env;
  return [
    { method: 'POST', path: /^\/v1\/threads\/runs$/, handle: (ctx) => createThreadAndRun(ctx, env) },
    { method: 'POST', path: new RegExp(`${THREAD}/runs$`), handle: (ctx) => createRun(ctx, env) },
    {
      method: 'GET',
      path: new RegExp(`${THREAD}/runs$`),
      handle: (ctx) => {
        const thread = state.threads.get(param(ctx, 'thread'));
        const { page, hasMore } = state.runs.page(ctx.url.searchParams, (run) => run.thread_id === thread.id);
        sendList(ctx.res, 'ListRunsResponse', page, hasMore);
      },
    },
    { method: 'GET', path: new RegExp(`${RUN}$`), handle: (ctx) => sendObject(ctx.res, 'RunObject', runAt(ctx, env).run, RUN_POLL_HEADERS) },
    {
      method: 'POST',
      path: new RegExp(`${RUN}$`),
      handle: (ctx) => {
        const { run } = runAt(ctx, env);
        const body = parseJsonObject(ctx.body);
        if ('metadata' in body) run.metadata = parseMetadata(body.metadata);
        sendObject(ctx.res, 'RunObject', run, RUN_POLL_HEADERS);
      },
    },
    { method: 'POST', path: new RegExp(`${RUN}/submit_tool_outputs$`), handle: (ctx) => submitToolOutputs(ctx, env) },
    { method: 'POST', path: new RegExp(`${RUN}/cancel$`), handle: (ctx) => cancelRun(ctx, env) },
    {
      method: 'GET',
      path: new RegExp(`${RUN}/steps$`),
      handle: (ctx) => {
        const { run } = runAt(ctx, env);
        const { page, hasMore } = state.steps.page(ctx.url.searchParams, (step) => step.run_id === run.id);
        sendList(ctx.res, 'ListRunStepsResponse', page, hasMore);
      },
    },
    {
      method: 'GET',
      path: new RegExp(`${RUN}/steps/(?<step>[^/]+)$`),
      handle: (ctx) => {
        const { run } = runAt(ctx, env);
        sendObject(
          ctx.res,
          'RunStepObject',
          state.steps.get(param(ctx, 'step'), (step) => step.run_id === run.id),
        );
      },
    },
  ];
}

/** The run named by the path, which must belong to the thread the path names. */
function runAt(ctx: RouteContext, env: AssistantsEnv): RunProgress {
  const thread = env.state.threads.get(param(ctx, 'thread'));
  const run = env.state.runs.get(param(ctx, 'run'), (candidate) => candidate.thread_id === thread.id);
  const progress = env.state.progress.get(run.id);
  if (!progress) throw new Error(`run ${run.id} has no progress record`);
  return progress;
}

async function createRun(ctx: RouteContext, env: AssistantsEnv): Promise<void> {
  const thread = env.state.threads.get(param(ctx, 'thread'));
  const body = parseJsonObject(ctx.body);
  const progress = newRun(env, thread, body);
  const added = additionalMessages(body.additional_messages, thread, env);
  await answerRun(
    ctx,
    env,
    progress,
    { messages: threadMessages(env.state, thread.id, added), outputs: [], stream: body.stream === true },
    () => {
      for (const message of added) env.state.messages.add(message);
      storeRun(env, progress);
    },
    playNewRun,
  );
}

/** `POST /v1/threads/runs`: the thread (from `thread`) and its first run; the stream starts with `thread.created`. */
async function createThreadAndRun(ctx: RouteContext, env: AssistantsEnv): Promise<void> {
  const body = parseJsonObject(ctx.body);
  const { thread, messages } = parseNewThread(isObject(body.thread) ? body.thread : {}, env.refs);
  const progress = newRun(env, thread, body);
  const play = async (player: Player): Promise<void> => {
    await player.channel.emit('thread.created', thread);
    await playNewRun(player);
  };
  const commit = (): void => {
    storeThread(env, thread, messages);
    storeRun(env, progress);
  };
  await answerRun(ctx, env, progress, { messages, outputs: [], stream: body.stream === true }, commit, play);
}

function storeRun(env: AssistantsEnv, progress: RunProgress): void {
  env.state.runs.add(progress.run);
  env.state.progress.set(progress.run.id, progress);
}

function additionalMessages(value: unknown, thread: Thread, env: AssistantsEnv): Message[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidRequest("Invalid 'additional_messages': expected an array.", 'additional_messages', 'invalid_type');
  return value.map((input, index) => newClientMessage(thread.id, parseMessageInput(input, env.refs, `additional_messages[${index}]`)));
}

/**
 * Accepts the outputs for every call the run waits for, completes the tool-call step with them and
 * plays the model's next turn (which sees them).
 */
async function submitToolOutputs(ctx: RouteContext, env: AssistantsEnv): Promise<void> {
  const progress = runAt(ctx, env);
  const { run } = progress;
  const body = parseJsonObject(ctx.body);
  const waiting = run.status === 'requires_action' ? run.required_action?.submit_tool_outputs.tool_calls : undefined;
  if (!waiting) throw invalidRequest(`Runs in status "${run.status}" do not accept tool outputs.`);
  const outputs = parseToolOutputs(
    body.tool_outputs,
    waiting.map((call) => call.id),
  );
  const step = progress.activeStep;
  const commit = (): void => {
    progress.outputs.push(...outputs);
    if (step?.step_details.type === 'tool_calls') {
      for (const call of step.step_details.tool_calls) {
        const output = outputs.find((candidate) => candidate.callId === call.id);
        if (call.type === 'function' && output) call.function.output = output.output;
      }
      step.status = 'completed';
      step.completed_at = unixSeconds();
      step.usage = progress.pendingUsage ?? null;
    }
    progress.activeStep = undefined;
    progress.pendingUsage = undefined;
    run.status = 'queued';
    run.required_action = null;
  };
  const turnInput = { messages: threadMessages(env.state, run.thread_id), outputs: [...progress.outputs, ...outputs], stream: body.stream === true };
  await answerRun(ctx, env, progress, turnInput, commit, (player) => playResumedRun(player, step));
}

function parseToolOutputs(value: unknown, expected: string[]): ToolOutput[] {
  const invalid = () =>
    invalidRequest("Invalid 'tool_outputs': expected an array of {tool_call_id, output} with string values.", 'tool_outputs', 'invalid_value');
  if (!Array.isArray(value)) throw invalid();
  const outputs = value.map((entry): ToolOutput => {
    if (!isObject(entry) || typeof entry.tool_call_id !== 'string' || typeof entry.output !== 'string') throw invalid();
    return { callId: entry.tool_call_id, output: entry.output };
  });
  const got = outputs.map((output) => output.callId);
  if (got.length !== expected.length || expected.some((id) => !got.includes(id))) {
    const list = (ids: string[]): string => `[${ids.map((id) => `'${id}'`).join(', ')}]`;
    throw invalidRequest(`Expected tool outputs for call_ids ${list(expected)}, got ${list(got)}`, 'tool_outputs');
  }
  return outputs;
}

/**
 * Cancels at once: the answer shows the run `cancelling`, a retrieval shows it `cancelled` (with its open
 * step cancelled and its open message incomplete). A stream still playing the run announces it next.
 */
function cancelRun(ctx: RouteContext, env: AssistantsEnv): void {
  const progress = runAt(ctx, env);
  const { run } = progress;
  if (!['queued', 'in_progress', 'requires_action'].includes(run.status)) throw invalidRequest(`Cannot cancel run with status '${run.status}'.`);
  progress.ending = endRun(progress, 'cancelled');
  sendObject(ctx.res, 'RunObject', { ...structuredClone(run), status: 'cancelling', cancelled_at: null }, RUN_POLL_HEADERS);
}
