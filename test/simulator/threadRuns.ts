import type { Assistant } from 'openai/resources/beta/assistants';
import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { Thread } from 'openai/resources/beta/threads/threads';
import type { AssistantsState, RunProgress } from './assistants.ts';
import { Channel, Cut, RUN_POLL_HEADERS, sendObject, Stopped } from './assistantsEvents.ts';
import { nullableString, optionalNumber, parseResponseFormat, parseToolChoice, parseTools, type Referenced } from './assistantsFields.ts';
import { takeTurn } from './assistantsTurns.ts';
import { faultError } from './model.ts';
import { isObject, parseMetadata, requiredString } from './fields.ts';
import { invalidRequest, newId, sleep, unixSeconds, type RouteContext } from './http.ts';
import type { Script } from './script.ts';
import { endRun, type Player } from './threadRunTurn.ts';
import type { ModelRequest, ToolOutput } from './types.ts';

type Json = Record<string, unknown>;

/** Everything the Assistants endpoints share: their state, the script that plays the model, the request log. */
export interface AssistantsEnv {
  state: AssistantsState;
  script: Script;
  requests: ModelRequest[];
  refs: Referenced;
}

const RUN_EXPIRY_SECONDS = 600;

/**
 * A new run of `assistant` on `thread` from a create-run body (not stored yet): the body's settings win
 * over the assistant's. A thread with an active run refuses another, as the API does.
 */
export function newRun(env: AssistantsEnv, thread: Thread, body: Json): RunProgress {
  const assistant = env.state.assistants.get(requiredString(body, 'assistant_id'));
  const active = env.state.activeRun(thread.id);
  if (active) throw invalidRequest(`Thread ${thread.id} already has an active run ${active.id}.`);
  const maxCompletion = body.max_completion_tokens ?? null;
  const maxPrompt = body.max_prompt_tokens ?? null;
  for (const [key, value] of [
    ['max_completion_tokens', maxCompletion],
    ['max_prompt_tokens', maxPrompt],
  ] as const) {
    if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 256))
      throw invalidRequest(`Invalid '${key}': must be an integer of at least 256.`, key, 'invalid_value');
  }
  const now = unixSeconds();
  const run: Run = {
    id: newId('run_'),
    object: 'thread.run',
    created_at: now,
    thread_id: thread.id,
    assistant_id: assistant.id,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: now + RUN_EXPIRY_SECONDS,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: typeof body.model === 'string' && body.model !== '' ? body.model : assistant.model,
    instructions: runInstructions(assistant, body),
    tools: body.tools === undefined || body.tools === null ? assistant.tools : parseTools(body.tools, 20),
    metadata: parseMetadata(body.metadata),
    usage: null,
    temperature: optionalNumber(body, 'temperature', 0, 2) ?? assistant.temperature ?? 1,
    top_p: optionalNumber(body, 'top_p', 0, 1) ?? assistant.top_p ?? 1,
    max_prompt_tokens: maxPrompt as number | null,
    max_completion_tokens: maxCompletion as number | null,
    truncation_strategy:
      isObject(body.truncation_strategy) && body.truncation_strategy.type === 'last_messages'
        ? { type: 'last_messages', last_messages: typeof body.truncation_strategy.last_messages === 'number' ? body.truncation_strategy.last_messages : null }
        : { type: 'auto', last_messages: null },
    tool_choice: parseToolChoice(body.tool_choice),
    parallel_tool_calls: body.parallel_tool_calls !== false,
    response_format: body.response_format === undefined ? (assistant.response_format ?? 'auto') : parseResponseFormat(body.response_format),
  };
  return {
    run,
    outputs: [],
    usage: { prompt_tokens: 0, completion_tokens: 0 },
    activeStep: undefined,
    activeMessage: undefined,
    pendingUsage: undefined,
    ending: undefined,
  };
}

// `instructions` replaces the assistant's; `additional_instructions` is appended to whichever applies.
function runInstructions(assistant: Assistant, body: Json): string {
  const base = nullableString(body, 'instructions', 256_000) ?? assistant.instructions ?? '';
  const extra = nullableString(body, 'additional_instructions', 256_000);
  return extra === null ? base : [base, extra].filter((part) => part !== '').join('\n\n');
}

/** The thread's messages, oldest first, plus those about to be added. */
export function threadMessages(state: AssistantsState, threadId: string, added: Message[] = []): Message[] {
  return [...state.messages.values().filter((message) => message.thread_id === threadId), ...added];
}

/**
 * Takes the run's next model turn and plays it: as an SSE response with `stream: true`, else in the
 * background after answering with the run as it is now (queued), so the SDK's `*AndPoll` helpers can
 * follow it. `commit` stores whatever the request creates, once the turn is known not to fail.
 */
export async function answerRun(
  ctx: RouteContext,
  env: AssistantsEnv,
  progress: RunProgress,
  turnInput: { messages: Message[]; outputs: ToolOutput[]; stream: boolean },
  commit: () => void,
  play: (player: Player) => Promise<void>,
): Promise<void> {
  const { state } = env;
  const { turn, plan } = takeTurn(env.script, env.requests, {
    run: progress.run,
    messages: turnInput.messages,
    outputs: turnInput.outputs,
    completionTokens: progress.usage.completion_tokens,
    headers: ctx.req.headers,
  });
  const { fault } = turn;
  if (fault && 'status' in fault) {
    await sleep(turn.delayMs, ctx.signal);
    throw faultError(fault);
  }
  commit();
  const cutAfter = fault === undefined ? undefined : 'dropAfterEvents' in fault ? fault.dropAfterEvents : fault.stallAfterEvents;
  const options = { lifetime: state.lifetime, chunkDelayMs: turn.chunkDelayMs, cutAfter };
  if (!turnInput.stream) {
    const snapshot = structuredClone(progress.run);
    const channel = new Channel(progress, options);
    void playInBackground(progress, () => play({ state, progress, channel, plan, delayMs: turn.delayMs }));
    sendObject(ctx.res, 'RunObject', snapshot, RUN_POLL_HEADERS);
    return;
  }
  ctx.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  ctx.res.flushHeaders();
  const channel = new Channel(progress, { ...options, res: ctx.res, clientGone: ctx.signal });
  try {
    await play({ state, progress, channel, plan, delayMs: turn.delayMs });
  } catch (error) {
    if (error instanceof Cut) {
      // A drop cuts the connection; a stall leaves it open until the client gives up or the simulator closes.
      if (fault && 'dropAfterEvents' in fault) ctx.res.destroy();
      return;
    }
    if (!(error instanceof Stopped)) {
      const message = simulatorError(error);
      endRun(progress, 'failed', message);
      await channel.error(message);
    }
  }
  await channel.done();
}

// Without a stream there is no connection to cut: a drop or stall fault fails the run instead.
async function playInBackground(progress: RunProgress, play: () => Promise<void>): Promise<void> {
  try {
    await play();
  } catch (error) {
    if (error instanceof Cut) endRun(progress, 'failed');
    else if (!(error instanceof Stopped)) endRun(progress, 'failed', simulatorError(error));
  }
}

function simulatorError(error: unknown): string {
  return `Simulator error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
