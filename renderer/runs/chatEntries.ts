import { isTerminalRunStatus, type Message, type Run } from '../../shared/runtime/objects.ts';

/** One row of the conversation: a message, or what became of a run. */
export type ChatEntry = { type: 'message'; key: string; message: Message } | { type: 'run'; key: string; run: Run };

/**
 * Interleaves messages with the runs they belong to. A run's row follows its last message; a run that
 * wrote none follows the last message that came before it (the user's question).
 */
export function chatEntries(messages: readonly Message[], runs: readonly Run[]): ChatEntry[] {
  const after = new Map<number, Run[]>();
  const before: Run[] = [];
  for (const run of runs) {
    let at = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]?.run_id === run.id) {
        at = i;
        break;
      }
    }
    if (at === -1) {
      for (let i = messages.length - 1; i >= 0; i--) {
        const message = messages[i];
        if (message && message.created_at <= run.created_at) {
          at = i;
          break;
        }
      }
    }
    if (at === -1) before.push(run);
    else after.set(at, [...(after.get(at) ?? []), run]);
  }
  const entries: ChatEntry[] = before.map((run) => ({ type: 'run', key: run.id, run }));
  messages.forEach((message, i) => {
    entries.push({ type: 'message', key: message.id, message });
    for (const run of after.get(i) ?? []) entries.push({ type: 'run', key: run.id, run });
  });
  return entries;
}

/** The run still going in the thread, if any (a thread runs one at a time). */
export function activeRunOf(runs: readonly Run[]): Run | null {
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i];
    if (run && !isTerminalRunStatus(run.status)) return run;
  }
  return null;
}
