import { newId } from './http.ts';
import type { ModelRequest, Turn } from './types.ts';

/** What the model says in one turn, independent of the endpoint that carries it. */
export interface Plan {
  /** Text deltas in order; `undefined` when the turn produces no message (tool calls only). */
  textChunks: string[] | undefined;
  toolCalls: PlannedCall[];
  inputTokens: number;
  outputTokens: number;
  /** The output hit the request's output-token limit and was cut. */
  truncated: boolean;
}

export interface PlannedCall {
  callId: string;
  name: string;
  arguments: string;
}

interface Limits {
  maxOutputTokens: number | undefined;
  parallelToolCalls: boolean;
}

const CHARS_PER_TOKEN = 4;

/** A rough token count (about four characters a token), enough to keep usage plausible and consistent. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function planTurn(turn: Turn, request: ModelRequest, limits: Limits): Plan {
  const calls = (turn.toolCalls ?? []).map((call) => ({
    callId: call.id ?? newId('call_'),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  // A model told not to call tools in parallel makes at most one call.
  const toolCalls = limits.parallelToolCalls ? calls : calls.slice(0, 1);
  let textChunks = scriptedChunks(turn, toolCalls.length > 0);
  let outputTokens = estimateTokens((textChunks ?? []).join('')) + toolCalls.reduce((sum, call) => sum + estimateTokens(call.name + call.arguments), 0);
  const max = limits.maxOutputTokens;
  let truncated = false;
  if (max !== undefined && outputTokens > max) {
    // As with a real model, the text stops mid-way and no tool call is completed.
    truncated = true;
    textChunks = cutChunks(textChunks ?? [], max * CHARS_PER_TOKEN);
    outputTokens = max;
  }
  return {
    textChunks,
    toolCalls: truncated ? [] : toolCalls,
    inputTokens: turn.usage?.input_tokens ?? estimateTokens(JSON.stringify(promptParts(request))),
    outputTokens: turn.usage?.output_tokens ?? outputTokens,
    truncated,
  };
}

/** Splits text roughly the way a tokenizer streams it: words with their leading whitespace. */
export function splitText(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Splits function-call arguments into small fragments (whole code points), as the API streams them. */
export function splitArguments(args: string): string[] {
  return args.match(/[\s\S]{1,8}/gu) ?? [];
}

// A turn with neither text nor tool calls still answers, with an empty message.
function scriptedChunks(turn: Turn, hasCalls: boolean): string[] | undefined {
  if (turn.text === undefined) return hasCalls ? undefined : [];
  return typeof turn.text === 'string' ? splitText(turn.text) : [...turn.text];
}

function promptParts(request: ModelRequest): unknown[] {
  const { body } = request;
  return request.endpoint === 'chat' ? [body.messages, body.tools] : [body.instructions, body.input, body.tools];
}

function cutChunks(chunks: string[], maxChars: number): string[] {
  const kept: string[] = [];
  let room = maxChars;
  for (const chunk of chunks) {
    if (room <= 0) break;
    kept.push(chunk.slice(0, room));
    room -= chunk.length;
  }
  return kept;
}
