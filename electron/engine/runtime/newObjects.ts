import { newMessageId, newRunId, newThreadId, type Message, type Run, type Thread } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig } from '../compile/types.ts';
import { runTools } from '../tools/index.ts';
import type { MessageInput, ThreadInput } from './types.ts';

/** A queued run of the compiled assistant, in Assistants shape. */
export function newRun(input: {
  threadId: string;
  config: AssistantConfig;
  providerId: string;
  now: number;
  limitSeconds: number;
  metadata?: Record<string, string>;
}): Run {
  const { config } = input;
  return {
    id: newRunId(),
    object: 'thread.run',
    created_at: input.now,
    thread_id: input.threadId,
    assistant_id: config.id,
    status: 'queued',
    required_action: null,
    last_error: null,
    expires_at: input.now + input.limitSeconds,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: config.model,
    instructions: config.instructions,
    tools: runTools(config),
    metadata: { ...input.metadata },
    usage: null,
    temperature: config.temperature,
    top_p: config.topP,
    max_prompt_tokens: config.maxPromptTokens,
    max_completion_tokens: config.maxCompletionTokens,
    truncation_strategy: { type: config.truncation.type, last_messages: config.truncation.lastMessages },
    tool_choice: config.toolChoice,
    parallel_tool_calls: config.parallelToolCalls,
    response_format: config.responseFormat,
    assistant_node_id: config.nodeId,
    provider_id: input.providerId,
    estimated_cost: null,
  };
}

/** The user's message, complete from the start (it belongs to the thread, not to a run). */
export function newUserMessage(threadId: string, text: string, now: number, attachments: Message['attachments'] = []): Message {
  return newMessage(threadId, { role: 'user', content: [{ type: 'text', text: { value: text, annotations: [] } }], attachments }, now);
}

/** A message added to the thread as it is (not written by a run), complete from the start. */
export function newMessage(threadId: string, input: MessageInput, now: number): Message {
  return {
    id: newMessageId(),
    object: 'thread.message',
    created_at: now,
    thread_id: threadId,
    status: 'completed',
    incomplete_details: null,
    completed_at: now,
    incomplete_at: null,
    role: input.role,
    content: input.content,
    assistant_id: null,
    run_id: null,
    attachments: input.attachments ?? [],
    metadata: { ...input.metadata },
  };
}

export function newThread(input: ThreadInput & { now: number }): Thread {
  return {
    id: newThreadId(),
    object: 'thread',
    created_at: input.now,
    tool_resources: input.toolResources ?? null,
    metadata: input.metadata ?? {},
    assistant_node_id: input.assistantNodeId ?? '',
    title: input.title ?? 'New thread',
  };
}
