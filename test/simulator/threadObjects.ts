import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { RunStep } from 'openai/resources/beta/threads/runs/steps';
import type { Thread } from 'openai/resources/beta/threads/threads';
import type { MessageInput, ToolResources } from './assistantsFields.ts';
import { newId, unixSeconds } from './http.ts';

export function newThread(toolResources: ToolResources, metadata: Record<string, string>): Thread {
  return { id: newId('thread_'), object: 'thread', created_at: unixSeconds(), tool_resources: toolResources, metadata };
}

/** A message added by a client: complete at once, with no run or assistant. */
export function newClientMessage(threadId: string, input: MessageInput): Message {
  return {
    id: newId('msg_'),
    object: 'thread.message',
    created_at: unixSeconds(),
    thread_id: threadId,
    status: 'completed',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: input.role,
    content: input.content,
    assistant_id: null,
    run_id: null,
    attachments: input.attachments,
    metadata: input.metadata,
  };
}

/** The assistant's answer, empty and in progress until its text has streamed. */
export function newRunMessage(run: Run): Message {
  return {
    id: newId('msg_'),
    object: 'thread.message',
    created_at: unixSeconds(),
    thread_id: run.thread_id,
    status: 'in_progress',
    incomplete_details: null,
    completed_at: null,
    incomplete_at: null,
    role: 'assistant',
    content: [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
  };
}

export function newStep(run: Run, details: RunStep['step_details']): RunStep {
  return {
    id: newId('step_'),
    object: 'thread.run.step',
    created_at: unixSeconds(),
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: details.type,
    status: 'in_progress',
    step_details: details,
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    metadata: {},
    usage: null,
  };
}
