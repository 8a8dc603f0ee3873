import { renderChat } from './chat.ts';
import { placeAnnotations, runHostedTools, type HostedEnv } from './hosted.ts';
import { ApiError, parseJsonObject, sendJson, sleep, type RouteContext } from './http.ts';
import { planTurn } from './plan.ts';
import { toModelRequest } from './requests.ts';
import { renderResponse } from './responses.ts';
import type { Script } from './script.ts';
import { sendStream } from './sse.ts';
import type { Endpoint, HttpFault, ModelRequest, Turn } from './types.ts';

/**
 * Answers `POST /v1/responses` or `POST /v1/chat/completions` with the next scripted turn, running its
 * hosted tools (file search, code interpreter) against the simulator's vector stores and containers.
 */
export async function answerModelRequest(ctx: RouteContext, endpoint: Endpoint, script: Script, log: ModelRequest[], hostedEnv: HostedEnv): Promise<void> {
  const body = parseJsonObject(ctx.body);
  const request = toModelRequest(endpoint, body, ctx.req.headers);
  log.push(request);
  const turn = nextTurn(script, request);
  await sleep(turn.delayMs, ctx.signal);
  if (ctx.signal.aborted) return;
  const { fault } = turn;
  if (fault && 'status' in fault) throw faultError(fault);

  const hosted = runHostedTools(turn, request, hostedEnv, `http://${ctx.req.headers.host ?? '127.0.0.1'}`);
  const annotations = placeAnnotations(turn, hosted, typeof turn.text === 'string' ? turn.text : (turn.text ?? []).join(''));
  const plan = planTurn(turn, request, {
    maxOutputTokens: numberOrUndefined(endpoint === 'chat' ? (body.max_completion_tokens ?? body.max_tokens) : body.max_output_tokens),
    parallelToolCalls: body.parallel_tool_calls !== false,
  });
  const rendered = endpoint === 'chat' ? renderChat(plan, body) : renderResponse(plan, body, { output: hosted, annotations });
  if (body.stream === true) {
    const records = 'chunks' in rendered ? rendered.chunks : rendered.events;
    await sendStream(ctx.res, records, { chunkDelayMs: turn.chunkDelayMs, fault, signal: ctx.signal });
  } else if (fault === undefined) {
    sendJson(ctx.res, 200, 'completion' in rendered ? rendered.completion : rendered.response);
  } else if ('dropAfterEvents' in fault) {
    ctx.res.destroy();
  }
  // A stalled non-streaming request is never answered; the client's abort or close() ends it.
}

// A missing turn or a failing rule is a bug in the test, so the error tells the SDK not to retry.
export function nextTurn(script: Script, request: ModelRequest): Turn {
  const noRetry = { 'x-should-retry': 'false' };
  let turn: Turn | undefined;
  try {
    turn = script.next(request);
  } catch (error) {
    throw new ApiError(500, { message: `Simulator rule threw: ${String(error)}`, type: 'server_error', param: null, code: null }, noRetry);
  }
  if (turn) return turn;
  const message = `Simulator has no scripted turn for the ${request.endpoint} endpoint and no rule is set.`;
  throw new ApiError(500, { message, type: 'server_error', param: null, code: null }, noRetry);
}

/** The error a scripted HTTP fault stands for, with the retry headers the SDK honours. */
export function faultError(fault: HttpFault): ApiError {
  const { status } = fault;
  const headers: Record<string, string> = {};
  if (status === 429 || fault.retryAfterMs !== undefined) {
    const ms = fault.retryAfterMs ?? 0;
    headers['retry-after-ms'] = String(ms);
    // The spec documents Retry-After as whole seconds, at least 1.
    headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
  }
  return new ApiError(
    status,
    {
      message: fault.message ?? defaultMessage(status),
      type: fault.type ?? (status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: null,
      code: fault.code ?? (status === 429 ? 'rate_limit_exceeded' : null),
    },
    headers,
  );
}

function defaultMessage(status: number): string {
  if (status === 429) return 'Rate limit reached for requests. Please try again later.';
  if (status >= 500) return 'The server had an error while processing your request. Sorry about that!';
  return `Simulated HTTP ${status} error.`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
