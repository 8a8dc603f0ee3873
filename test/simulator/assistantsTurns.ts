import type { IncomingHttpHeaders } from 'node:http';
import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import { messageText } from './assistantsFields.ts';
import { ApiError } from './http.ts';
import { estimateTokens, planTurn, type Plan } from './plan.ts';
import type { Script } from './script.ts';
import { nextTurn } from './model.ts';
import { loggedHeaders } from './requests.ts';
import type { ModelRequest, ToolOutput, Turn } from './types.ts';

/** What the simulated model sees when a run asks it for a turn. */
export interface TurnInput {
  run: Run;
  /** The thread's messages, oldest first. */
  messages: Message[];
  /** Every tool output submitted to the run so far, oldest first. */
  outputs: ToolOutput[];
  /** Completion tokens the run has used already (counted against `max_completion_tokens`). */
  completionTokens: number;
  headers: IncomingHttpHeaders;
}

const NO_RETRY = { 'x-should-retry': 'false' };

/**
 * Logs the model request for a run's next turn and takes its turn (throwing a scripted HTTP fault as the
 * error it stands for). The logged `body` holds what the model saw: the run's settings, the thread's
 * messages as plain text, and the tool outputs submitted so far.
 */
export function takeTurn(script: Script, log: ModelRequest[], input: TurnInput): { turn: Turn; plan: Plan } {
  const { run } = input;
  const messages = input.messages.map((message) => ({ role: message.role, content: messageText(message.content) }));
  const body: Record<string, unknown> = {
    model: run.model,
    instructions: run.instructions,
    tools: run.tools,
    tool_choice: run.tool_choice,
    parallel_tool_calls: run.parallel_tool_calls,
    response_format: run.response_format,
    temperature: run.temperature,
    top_p: run.top_p,
    max_completion_tokens: run.max_completion_tokens,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    messages,
    tool_outputs: input.outputs.map((output) => ({ tool_call_id: output.callId, output: output.output })),
  };
  const request: ModelRequest = {
    endpoint: 'assistants',
    body,
    headers: loggedHeaders(input.headers),
    lastUserText: messages.findLast((message) => message.role === 'user')?.content,
    toolOutputs: input.outputs,
    previousResponseId: undefined,
  };
  log.push(request);
  const turn = nextTurn(script, request);
  if (turn.fileSearch || turn.codeInterpreter || turn.citations) {
    throw serverError('Simulator turns for the assistants endpoint cannot use hosted tools (fileSearch, codeInterpreter, citations).');
  }
  const max = run.max_completion_tokens;
  const plan = planTurn(turn, request, {
    maxOutputTokens: max === null ? undefined : Math.max(0, max - input.completionTokens),
    parallelToolCalls: run.parallel_tool_calls,
  });
  // planTurn estimates the prompt from Responses fields; a run's prompt is its thread.
  plan.inputTokens = turn.usage?.input_tokens ?? estimateTokens(JSON.stringify([body.instructions, messages, body.tools, body.tool_outputs]));
  return { turn, plan };
}

function serverError(message: string): ApiError {
  return new ApiError(500, { message, type: 'server_error', param: null, code: null }, NO_RETRY);
}
