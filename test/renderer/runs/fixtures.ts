import type { RunEvent } from '../../../shared/runtime/events.ts';
import type { Message, Run } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';

export const THREAD = 'thread_a';
export const OTHER_THREAD = 'thread_b';

export function run(id: string, patch: Partial<Run> = {}): Run {
  return {
    id,
    object: 'thread.run',
    created_at: 100,
    thread_id: THREAD,
    assistant_id: 'asst_n1',
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: null,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: 'gpt-test',
    instructions: '',
    tools: [],
    metadata: {},
    usage: null,
    temperature: null,
    top_p: null,
    max_prompt_tokens: null,
    max_completion_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    tool_choice: 'auto',
    parallel_tool_calls: true,
    response_format: 'auto',
    assistant_node_id: 'n1',
    provider_id: 'sim',
    estimated_cost: null,
    ...patch,
  };
}

export function message(id: string, patch: Partial<Message> = {}): Message {
  return {
    id,
    object: 'thread.message',
    created_at: 100,
    thread_id: THREAD,
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: 'asst_n1',
    run_id: null,
    attachments: [],
    metadata: {},
    ...patch,
  };
}

export function toolStep(id: string, runId: string, patch: Partial<RunStep> = {}): RunStep {
  return {
    id,
    object: 'thread.run.step',
    created_at: 100,
    assistant_id: 'asst_n1',
    thread_id: THREAD,
    run_id: runId,
    type: 'tool_calls',
    status: 'in_progress',
    step_details: { type: 'tool_calls', tool_calls: [] },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
    ...patch,
  };
}

/** Stamps event bodies of one run with consecutive sequence numbers from `from`. */
export function stamp(runId: string, bodies: readonly Omit<RunEvent, 'runId' | 'seq'>[], from = 1): RunEvent[] {
  return bodies.map((body, i) => ({ ...body, runId, seq: from + i }) as RunEvent);
}

export const textDelta = (messageId: string, value: string, index = 0) => ({
  event: 'thread.message.delta' as const,
  data: { id: messageId, object: 'thread.message.delta' as const, delta: { content: [{ index, type: 'text' as const, text: { value } }] } },
});
