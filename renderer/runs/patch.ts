import type { MessageDelta, RunStepDelta } from '../../shared/runtime/events.ts';
import type { Message, MessageContent } from '../../shared/runtime/objects.ts';
import type { RunStep, ToolCall } from '../../shared/runtime/steps.ts';
import { EMPTY_CALLS } from './calls/emptyCalls.ts';

type CallDelta = RunStepDelta['delta']['step_details']['tool_calls'][number];

/** Replaces the item with the same id, or appends it; returns the same array when nothing changed. */
export function upsertById<T extends { id: string }>(items: readonly T[], item: T): readonly T[] {
  const at = items.findIndex((i) => i.id === item.id);
  if (at === -1) return [...items, item];
  if (items[at] === item) return items;
  return items.map((i, n) => (n === at ? item : i));
}

/** Appends streamed text to the content parts a message delta names (creating a part on its first piece). */
export function applyMessageDelta(message: Message, delta: MessageDelta['delta']): Message {
  const content: MessageContent[] = [...message.content];
  for (const piece of delta.content) {
    const part = content[piece.index];
    if (part === undefined || part.type !== 'text') {
      // A part the snapshot did not have yet (it was loaded while the message streamed).
      while (content.length < piece.index) content.push({ type: 'text', text: { value: '', annotations: [] } });
      content[piece.index] = { type: 'text', text: { value: piece.text.value, annotations: [] } };
    } else {
      content[piece.index] = { type: 'text', text: { ...part.text, value: part.text.value + piece.text.value } };
    }
  }
  return { ...message, content };
}

function emptyCall(delta: CallDelta): ToolCall {
  return EMPTY_CALLS[delta.type]({ id: delta.id ?? '', node_id: null, duration_ms: null, error: null });
}

function applyCallDelta(call: ToolCall, delta: CallDelta): ToolCall {
  const withId = delta.id === undefined ? call : { ...call, id: delta.id };
  if (withId.type !== 'function' || delta.function === undefined) return withId;
  const { name, arguments: args, output } = delta.function;
  return {
    ...withId,
    function: {
      name: name ?? withId.function.name,
      // Arguments stream in pieces; a name or an output arrives whole.
      arguments: withId.function.arguments + (args ?? ''),
      output: output === undefined ? withId.function.output : output,
    },
  };
}

/** Applies a step delta: new tool calls appear at their index, arguments grow, outputs replace. */
export function applyStepDelta(step: RunStep, delta: RunStepDelta['delta']): RunStep {
  if (step.step_details.type !== 'tool_calls') return step;
  const calls = [...step.step_details.tool_calls];
  for (const piece of delta.step_details.tool_calls) {
    const current = calls[piece.index] ?? emptyCall(piece);
    calls[piece.index] = applyCallDelta(current, piece);
  }
  // Indexes the delta skipped stay absent in the engine's own state, so they are dropped here too.
  return { ...step, step_details: { type: 'tool_calls', tool_calls: calls.filter((c) => c !== undefined) } };
}

/** Changes one tool call of a step, found by its id; the same step when the call is not there. */
export function updateCall(step: RunStep, callId: string, change: (call: ToolCall) => ToolCall): RunStep {
  if (step.step_details.type !== 'tool_calls') return step;
  const calls = step.step_details.tool_calls;
  const at = calls.findIndex((c) => c.id === callId);
  const call = calls[at];
  if (call === undefined) return step;
  return { ...step, step_details: { type: 'tool_calls', tool_calls: calls.map((c, n) => (n === at ? change(call) : c)) } };
}
