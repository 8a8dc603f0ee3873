import { useId, useRef, useState } from 'react';
import type { Run } from '../../shared/runtime/objects.ts';
import { Icon } from '../components/Icon.tsx';
import { attachmentProblem, mergeAttachments, toUpload } from '../files/attachments.ts';
import { formatBytes } from '../files/base64.ts';
import { useRunStore } from './runStore.ts';

function AttachmentChips({ files, onRemove }: { files: readonly File[]; onRemove: (file: File) => void }) {
  return (
    <ul className="composer-attachments" aria-label="Files to send">
      {files.map((file) => (
        <li key={`${file.name}:${file.size}`} className="file-chip">
          <Icon name="file" size={13} />
          <span className="file-chip-name">{file.name}</span>
          <span className="muted small">{formatBytes(file.size)}</span>
          <button type="button" className="icon-button chip-remove" aria-label={`Remove ${file.name}`} onClick={() => onRemove(file)}>
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The message box: Enter sends, Shift+Enter starts a new line; files can go along for the code interpreter; Stop cancels the active run. */
export function Composer({ activeRun, disabledReason }: { activeRun: Run | null; disabledReason: string | null }) {
  const send = useRunStore((s) => s.send);
  const cancelRun = useRunStore((s) => s.cancelRun);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<readonly File[]>([]);
  const [sending, setSending] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = useId();
  const problem = attachmentProblem(files);
  const canSend = text.trim() !== '' && !sending && problem === null && activeRun === null && disabledReason === null;

  const submit = async () => {
    if (!canSend) return;
    setSending(true);
    setReadError(null);
    try {
      const sent = await send(text, await Promise.all(files.map(toUpload)));
      if (sent) {
        setText('');
        setFiles([]);
      }
    } catch (error) {
      setReadError(`An attached file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
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
      {files.length > 0 && <AttachmentChips files={files} onRemove={(file) => setFiles(files.filter((f) => f !== file))} />}
      {(problem ?? readError) && (
        <p className="field-problem is-error" role="alert">
          {problem ?? readError}
        </p>
      )}
      <div className="composer-actions">
        <input
          ref={fileInput}
          type="file"
          multiple
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            setFiles((chosen) => mergeAttachments(chosen, picked));
            // The same file can be picked again after it was removed.
            e.target.value = '';
          }}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Attach file"
          title="Attach a file for the code interpreter"
          onClick={() => fileInput.current?.click()}
        >
          <Icon name="attach" />
        </button>
        <span id={hintId} className="composer-hint">
          Enter to send, Shift+Enter for a new line
        </span>
        {activeRun !== null && (
          <button type="button" className="danger-button" disabled={activeRun.status === 'cancelling'} onClick={() => void cancelRun(activeRun.id)}>
            Stop
          </button>
        )}
        <button type="submit" className="primary-button" disabled={!canSend}>
          Send
        </button>
      </div>
    </form>
  );
}
