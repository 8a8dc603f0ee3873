import { useId, useState } from 'react';
import { PROJECT_EXTENSION } from '../../shared/graph/project.ts';
import { saveTo, withProjectSuffix } from '../app/fileActions.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { FolderBrowser, joinPath } from './FolderBrowser.tsx';

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** Save As without a native dialog: pick a folder and a file name. */
export function SaveAsDialog({ onDone }: { onDone: (saved: boolean) => void }) {
  const projectName = useProjectStore((s) => s.project.name);
  const [dir, setDir] = useState<string | null>(null);
  const [name, setName] = useState(() => `${(projectName || 'Untitled').replace(/[\\/:*?"<>|]/g, '-')}${PROJECT_EXTENSION}`);
  const nameId = useId();
  const target = dir && name.trim() ? joinPath(dir, withProjectSuffix(name)) : null;

  const submit = async () => {
    if (target && (await saveTo(target))) onDone(true);
  };

  return (
    <Dialog
      title="Save project as"
      size="large"
      onClose={() => onDone(false)}
      footer={
        <>
          <span className="muted small is-mono target-path">{target ?? ''}</span>
          <span className="spacer" />
          <button type="button" className="secondary-button" onClick={() => onDone(false)}>
            Cancel
          </button>
          <button type="button" className="primary-button" disabled={!target} onClick={() => void submit()}>
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
        <p className="field-help">Saved with the {PROJECT_EXTENSION} suffix in the folder shown above.</p>
      </form>
    </Dialog>
  );
}
