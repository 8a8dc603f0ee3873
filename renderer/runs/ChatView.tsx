import { useLayoutEffect, useMemo, useRef } from 'react';
import { chatEntries } from './chatEntries.ts';
import { Composer } from './Composer.tsx';
import { statusWord } from './format.ts';
import { MessageItem } from './MessageItem.tsx';
import { RunRow } from './RunRow.tsx';
import { selectActiveRun, selectMessages, selectRuns, useRunStore } from './runStore.ts';
import { ToolOutputsForm } from './ToolOutputsForm.tsx';

/** How close to the bottom counts as "following" the conversation, in pixels. */
const FOLLOW_SLACK = 48;

/** The conversation of the selected thread, the form for requested tool outputs, and the composer. */
export function ChatView({ onShowSteps, disabledReason }: { onShowSteps: (runId: string) => void; disabledReason: string | null }) {
  const messages = useRunStore(selectMessages);
  const runs = useRunStore(selectRuns);
  const activeRun = useRunStore(selectActiveRun);
  const loading = useRunStore((s) => s.loading);
  const entries = useMemo(() => chatEntries(messages, runs), [messages, runs]);
  const logRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // Keep the newest text in view while the user has not scrolled up to read something earlier. It runs
  // after every render: what it follows is the log's rendered height, which any render may change.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && following.current) log.scrollTop = log.scrollHeight;
  });

  const waiting = activeRun !== null && !messages.some((m) => m.run_id === activeRun.id && m.status === 'in_progress');

  return (
    <div className="chat">
      <div
        ref={logRef}
        className="chat-log"
        role="log"
        aria-live="polite"
        aria-label="Conversation"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the log scrolls, so it must take focus to be scrolled from the keyboard; its role is log for the live updates
        tabIndex={0}
        onScroll={(e) => {
          const log = e.currentTarget;
          following.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK;
        }}
      >
        {entries.length === 0 && !loading && (
          <p className="chat-empty">{disabledReason ?? 'Send a message to start a run. Its steps and tool calls show under Steps.'}</p>
        )}
        {entries.map((entry) =>
          entry.type === 'message' ? (
            <MessageItem key={entry.key} message={entry.message} />
          ) : (
            <RunRow key={entry.key} run={entry.run} onShowSteps={onShowSteps} />
          ),
        )}
        {waiting && activeRun.status !== 'requires_action' && (
          <p className="chat-waiting">
            <span className="spinner" aria-hidden="true" /> Run {statusWord(activeRun.status)}…
          </p>
        )}
      </div>
      {activeRun?.status === 'requires_action' && <ToolOutputsForm key={activeRun.id} run={activeRun} />}
      <Composer activeRun={activeRun} disabledReason={disabledReason} />
    </div>
  );
}
