import { setTimeout as sleep } from 'node:timers/promises';
import { newCallId, type Usage } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig } from '../compile/types.ts';
import { cutStream } from '../providers/errors.ts';
import { ProviderFailure, type FinishReason, type ModelProvider, type ModelRequest, type ProviderEvent } from '../providers/types.ts';
import { newToolCall, toolForName } from '../tools/index.ts';
import type { RunRecorder } from './recorder.ts';
import type { HostedTurn } from './tools/hostedTurn.ts';

interface TurnCall {
  position: number;
  id: string;
  name: string;
  arguments: string;
}

/** What one model turn produced; its text stays in the recorder's open message. */
export interface TurnResult {
  calls: TurnCall[];
  finish: FinishReason;
  usage: Usage | null;
}

interface TurnOptions {
  signal: AbortSignal;
  idleTimeoutMs: number;
  /** How many more times a turn whose stream broke is asked for (the connection's `maxRetries`). */
  retries: number;
  /** Where calls the provider ran itself (hosted tools) go; it completes them once the turn's text is known. */
  hosted?: HostedTurn | undefined;
}

// As the SDK waits between its own retries: 0.5 s doubling up to 8 s, less up to a quarter at random.
const retryDelayMs = (retry: number): number => Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);

/**
 * Streams one model turn into the run's message and tool step as it arrives. A stream that breaks or
 * goes quiet is not retried by the SDK (its response had started), so the turn is asked for again here,
 * as the SDK retries a 5xx: nothing of the turn has run yet (its calls run after it), and what it had
 * written is taken back first, so the answer is there once. A turn in which the provider ran a hosted
 * tool is not asked again: that would run the tool twice.
 */
export async function streamTurn(
  provider: ModelProvider,
  request: ModelRequest,
  recorder: RunRecorder,
  config: AssistantConfig,
  options: TurnOptions,
): Promise<TurnResult> {
  for (let retry = 0; ; retry += 1) {
    const attempt = { hostedRan: false };
    try {
      return await streamAttempt(provider, request, recorder, config, options, attempt);
    } catch (error) {
      const broken = error instanceof ProviderFailure && error.code === 'stream_interrupted';
      if (!broken || attempt.hostedRan || options.signal.aborted) throw error;
      if (retry >= options.retries) {
        throw retry === 0 ? error : new ProviderFailure(error.code, `${error.message} (asked ${retry + 1} times)`, error.status);
      }
      recorder.rewindTurn();
      await sleep(retryDelayMs(retry), undefined, { signal: options.signal });
    }
  }
}

async function streamAttempt(
  provider: ModelProvider,
  request: ModelRequest,
  recorder: RunRecorder,
  config: AssistantConfig,
  { signal, idleTimeoutMs, hosted }: TurnOptions,
  attempt: { hostedRan: boolean },
): Promise<TurnResult> {
  const calls = new Map<number, TurnCall>();
  const start = (index: number, callId: string, name: string): TurnCall => {
    // Some compatible servers send no call id; the step and the tool message still need one.
    const id = callId || newCallId();
    const position = recorder.addToolCall(index, newToolCall(toolForName(config, name), id, name));
    const call = { position, id, name, arguments: '' };
    calls.set(index, call);
    return call;
  };
  let finish: FinishReason | null = null;
  let usage: Usage | null = null;
  const onEvent = (event: ProviderEvent): void => {
    switch (event.type) {
      case 'text_delta':
        recorder.appendText(event.delta);
        break;
      case 'tool_call_started':
        start(event.index, event.callId, event.name);
        break;
      case 'tool_call_arguments_delta':
        recorder.appendArguments(event.index, event.delta);
        break;
      case 'tool_call_done':
        (calls.get(event.index) ?? start(event.index, event.callId, event.name)).arguments = event.arguments;
        break;
      case 'hosted_call_started':
        attempt.hostedRan = true;
        hosted?.started(event.index, event.callId, event.kind);
        break;
      case 'hosted_call_done':
        attempt.hostedRan = true;
        hosted?.done(event.index, event.call);
        break;
      case 'annotation':
        attempt.hostedRan = true;
        hosted?.annotate(event.annotation);
        break;
      case 'completed':
        finish = event.finish;
        usage = event.usage
          ? {
              prompt_tokens: event.usage.inputTokens,
              completion_tokens: event.usage.outputTokens,
              total_tokens: event.usage.inputTokens + event.usage.outputTokens,
            }
          : null;
        break;
    }
  };
  await provider.respond(request, { signal, onEvent, idleTimeoutMs });
  if (finish === null) throw cutStream();
  if (hosted) await hosted.finish(recorder.messageText);
  return { calls: [...calls.values()].sort((a, b) => a.position - b.position), finish, usage };
}
