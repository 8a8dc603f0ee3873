import { useId, useState } from 'react';
import type { Run } from '../../shared/runtime/objects.ts';
import { useRunStore } from './runStore.ts';

/** The message box: Enter sends, Shift+Enter starts a new line; Stop cancels the active run. */
export function Composer({ activeRun, disabledReason }: { activeRun: Run | null; disabledReason: string | null }) {
  const send = useRunStore((s) => s.send);
  const cancelRun = useRunStore((s) => s.cancelRun);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const id = useId();
  const hintId = useId();
  const canSend = text.trim() !== '' && !sending && activeRun === null && disabledReason === null;

  const submit = async () => {
    if (!canSend) return;
    setSending(true);
    const sent = await send(text);
    setSending(false);
    if (sent) setText('');
  };

  return (
    <form className="composer" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label htmlFor={id} className="visually-hidden">Message</label>
      <textarea
        id={id}
        rows={3}
        value={text}
        placeholder={disabledReason ?? 'Message the assistant'}
        aria-describedby={hintId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Enter while an input method composes a character belongs to the input method.
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <div className="composer-actions">
        <span id={hintId} className="composer-hint">Enter to send, Shift+Enter for a new line</span>
        {activeRun !== null && (
          <button type="button" className="danger-button" disabled={activeRun.status === 'cancelling'} onClick={() => void cancelRun(activeRun.id)}>
            Stop
          </button>
        )}
        <button type="submit" className="primary-button" disabled={!canSend}>Send</button>
      </div>
    </form>
  );
}
