import { useId, useState } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useRunStore } from './runStore.ts';
import { DeleteThreadDialog, RenameThreadDialog } from './ThreadDialogs.tsx';

export interface AssistantChoice {
  id: string;
  label: string;
}

/** The panel's header: which assistant, which of its threads, and the thread actions. */
export function ThreadBar({ assistants }: { assistants: readonly AssistantChoice[] }) {
  const assistantNodeId = useRunStore((s) => s.assistantNodeId);
  const threads = useRunStore((s) => s.threads);
  const threadId = useRunStore((s) => s.threadId);
  const selectAssistant = useRunStore((s) => s.selectAssistant);
  const selectThread = useRunStore((s) => s.selectThread);
  const createThread = useRunStore((s) => s.createThread);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const assistantId = useId();
  const threadPickerId = useId();
  const thread = threads.find((t) => t.id === threadId);

  return (
    <div className="thread-bar">
      <div className="thread-bar-row">
        <label htmlFor={assistantId}>Assistant</label>
        <select
          id={assistantId}
          value={assistantNodeId ?? ''}
          disabled={assistants.length === 0}
          onChange={(e) => void selectAssistant(e.target.value || null)}
        >
          {assistants.length === 0 && <option value="">No assistant in the project</option>}
          {assistants.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      <div className="thread-bar-row">
        <label htmlFor={threadPickerId}>Thread</label>
        <select id={threadPickerId} value={threadId ?? ''} disabled={threads.length === 0} onChange={(e) => void selectThread(e.target.value || null)}>
          {threads.length === 0 && <option value="">No threads yet</option>}
          {threads.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
        <div className="thread-actions">
          <button type="button" className="tool-button" aria-label="New thread" disabled={assistantNodeId === null} onClick={() => void createThread()}>
            <Icon name="plus" size={14} /> New
          </button>
          <button type="button" className="tool-button" aria-label="Rename thread" disabled={!thread} onClick={() => setDialog('rename')}>
            Rename
          </button>
          <button type="button" className="tool-button" aria-label="Delete thread" title="Delete thread" disabled={!thread} onClick={() => setDialog('delete')}>
            <Icon name="trash" size={14} />
          </button>
        </div>
      </div>
      {thread && dialog === 'rename' && <RenameThreadDialog title={thread.title} onClose={() => setDialog(null)} />}
      {thread && dialog === 'delete' && <DeleteThreadDialog title={thread.title} onClose={() => setDialog(null)} />}
    </div>
  );
}
