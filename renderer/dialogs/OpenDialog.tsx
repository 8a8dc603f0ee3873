import { useEffect, useId, useState } from 'react';
import type { RecentEntry } from '../../shared/ipc/contract.ts';
import { invoke } from '../api/index.ts';
import { openPath } from '../app/fileActions.ts';
import { Dialog } from '../components/Dialog.tsx';
import { FolderBrowser } from './FolderBrowser.tsx';

/** Open a project without a native file dialog: recent projects, a folder browser or a typed path. */
export function OpenDialog({ onClose }: { onClose: () => void }) {
  const [recent, setRecent] = useState<readonly RecentEntry[]>([]);
  const [path, setPath] = useState('');
  const pathId = useId();

  useEffect(() => {
    invoke('app:project/recent', {})
      .then((r) => setRecent(r.entries))
      .catch(() => setRecent([]));
  }, []);

  // The unsaved-changes question was asked before this dialog opened.
  const open = async (target: string) => {
    if (!target.trim()) return;
    if (await openPath(target.trim(), { confirmed: true })) onClose();
  };

  return (
    <Dialog
      title="Open project"
      size="large"
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary-button" disabled={!path.trim()} onClick={() => void open(path)}>
            Open
          </button>
        </>
      }
    >
      <div className="open-layout">
        <section aria-labelledby="recent-title" className="recent-section">
          <h3 id="recent-title" className="section-title">
            Recent
          </h3>
          {recent.length === 0 ? (
            <p className="muted small">No recent projects yet.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((entry) => (
                <li key={entry.path}>
                  <button type="button" className="recent-entry" disabled={!entry.exists} onClick={() => void open(entry.path)}>
                    <strong>{entry.name}</strong>
                    <span className="muted small is-mono">{entry.exists ? entry.path : `${entry.path} (missing)`}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="browse-title" className="browse-section">
          <h3 id="browse-title" className="section-title">
            Browse
          </h3>
          <FolderBrowser selected={path} onDir={() => undefined} onProject={(p, confirm) => (confirm ? void open(p) : setPath(p))} />
        </section>
      </div>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void open(path);
        }}
      >
        <label htmlFor={pathId}>Project file path</label>
        <input
          id={pathId}
          className="is-mono"
          value={path}
          data-autofocus
          spellCheck={false}
          placeholder="/path/to/project.assistant.json"
          onChange={(e) => setPath(e.target.value)}
        />
      </form>
    </Dialog>
  );
}
