import type { Message } from '../../../shared/runtime/objects.ts';
import type { AssistantConfig } from '../compile/types.ts';
import type { ConversationItem } from '../providers/types.ts';

const CHARS_PER_TOKEN = 4;

/** The message's text, with the names of its attachments: the model only knows an attached file is there if told. */
function textOf(message: Message, fileName: (fileId: string) => string | null): string {
  const text = message.content.map((part) => (part.type === 'text' ? part.text.value : '')).join('');
  const names = message.attachments.map((a) => fileName(a.file_id)).filter((n): n is string => n !== null);
  if (names.length === 0) return text;
  return `${text}\n\n(Attached for the code interpreter, in its working directory: ${names.join(', ')})`;
}

/**
 * The thread's earlier conversation as sent to the model, per the assistant's truncation setting:
 * `last_messages` keeps the newest N messages; `auto` keeps everything that fits `max_prompt_tokens`
 * (estimated at four characters a token), dropping the oldest first. Messages still being written are skipped.
 */
export function buildHistory(
  messages: readonly Message[],
  config: Pick<AssistantConfig, 'truncation' | 'maxPromptTokens' | 'instructions'>,
  fileName: (fileId: string) => string | null = () => null,
): ConversationItem[] {
  let items: ConversationItem[] = messages
    .filter((m) => m.status !== 'in_progress')
    .map((m) => ({ type: 'message' as const, role: m.role, text: textOf(m, fileName) }))
    .filter((m) => m.text !== '');
  if (config.truncation.type === 'last_messages') items = items.slice(-config.truncation.lastMessages);
  if (config.maxPromptTokens !== null) {
    let budget = config.maxPromptTokens * CHARS_PER_TOKEN - config.instructions.length;
    const kept: ConversationItem[] = [];
    // The newest message (the user's question) is always sent, even if it alone exceeds the budget.
    for (const item of [...items].reverse()) {
      const size = item.type === 'message' ? item.text.length : 0;
      if (kept.length > 0 && size > budget) break;
      kept.unshift(item);
      budget -= size;
    }
    items = kept;
  }
  return items;
}
