import { useId, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { FolderBrowser, joinPath } from '../dialogs/FolderBrowser.tsx';
import { saveRuntimeFileTo } from './saveRuntimeFile.ts';

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Save As for a runtime file without a native dialog: a folder on the host and a file name. */
export function SaveFileDialog({ fileId, filename, onClose }: { fileId: string; filename: string; onClose: () => void }) {
  const [dir, setDir] = useState<string | null>(null);
  const [name, setName] = useState(filename);
  const [saving, setSaving] = useState(false);
  const nameId = useId();
  const target = dir && name.trim() ? joinPath(dir, name.trim()) : null;

  const submit = async () => {
    if (!target || saving) return;
    setSaving(true);
    const saved = await saveRuntimeFileTo(fileId, target);
    setSaving(false);
    if (saved) onClose();
  };

  return (
    <Dialog
      title={`Save ${filename}`}
      size="large"
      onClose={onClose}
      footer={
        <>
          <span className="muted small is-mono target-path">{target ?? ''}</span>
          <span className="spacer" />
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary-button" disabled={!target || saving} onClick={() => void submit()}>
            Save
          </button>
        </>
      }
    >
      <FolderBrowser onDir={setDir} onProject={(p) => setName(baseName(p))} />
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={nameId}>File name</label>
        <input id={nameId} className="is-mono" value={name} data-autofocus spellCheck={false} onChange={(e) => setName(e.target.value)} />
      </form>
    </Dialog>
  );
}
