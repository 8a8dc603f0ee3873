import { newCallId, type Usage } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig } from '../compile/types.ts';
import { cutStream } from '../providers/errors.ts';
import type { FinishReason, ModelProvider, ModelRequest, ProviderEvent } from '../providers/types.ts';
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
  /** Where calls the provider ran itself (hosted tools) go; it completes them once the turn's text is known. */
  hosted?: HostedTurn | undefined;
}

/** Streams one model turn into the run's message and tool step as it arrives. */
export async function streamTurn(
  provider: ModelProvider,
  request: ModelRequest,
  recorder: RunRecorder,
  config: AssistantConfig,
  { signal, idleTimeoutMs, hosted }: TurnOptions,
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
        hosted?.started(event.index, event.callId, event.kind);
        break;
      case 'hosted_call_done':
        hosted?.done(event.index, event.call);
        break;
      case 'annotation':
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
