import { useEffect, useRef, useState } from 'react';
import type { DirEntry } from '../../shared/ipc/contract.ts';
import { invoke, toAppError } from '../api/index.ts';
import { Icon } from '../components/Icon.tsx';

interface Listing {
  dir: string;
  parent: string | null;
  entries: readonly DirEntry[];
}

/** Joins a folder and a file name with the folder's own separator (the host may run on Windows). */
export function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${name}` : `${dir}${separator}${name}`;
}

interface FolderBrowserProps {
  /** Called with the folder being shown whenever it changes, and with null while another one loads. */
  onDir: (dir: string | null) => void;
  /** Called when a project file is chosen (click); `confirm` is true for a double click. */
  onProject: (path: string, confirm: boolean) => void;
  selected?: string | null;
}

/** Browses the host's folders through `app:fs/list` (used where there is no native file dialog). */
export function FolderBrowser({ onDir, onProject, selected }: FolderBrowserProps) {
  const [dir, setDir] = useState<string | null>(null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The folder field as typed; it follows the listing until the user edits it.
  const [typed, setTyped] = useState<string | null>(null);
  // A notification only: listing again because the parent passed a new callback would loop.
  const onDirRef = useRef(onDir);
  const shownDir = useRef<string | null>(null);
  // Counts edits of the folder field: a listing that arrives after the user started typing must not
  // replace what they typed (the first listing can land just as the dialog opens and they type).
  const edits = useRef(0);
  useEffect(() => {
    onDirRef.current = onDir;
  });

  useEffect(() => {
    let cancelled = false;
    // Until the new folder is listed there is no folder to act on (a Save now would go to the old one).
    if (dir !== null) onDirRef.current(null);
    const editsAtRequest = edits.current;
    invoke('app:fs/list', { dir })
      .then((result) => {
        if (cancelled) return;
        setListing(result);
        shownDir.current = result.dir;
        if (edits.current === editsAtRequest) setTyped(null);
        setError(null);
        onDirRef.current(result.dir);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        setError(toAppError(e).message);
        // The folder shown is still the last one that listed.
        onDirRef.current(shownDir.current);
      });
    return () => {
      cancelled = true;
    };
  }, [dir]);

  return (
    <div className="folder-browser">
      <div className="folder-bar">
        <button
          type="button"
          className="icon-button"
          aria-label="Parent folder"
          disabled={!listing?.parent}
          onClick={() => listing?.parent && setDir(listing.parent)}
        >
          <Icon name="up" size={14} />
        </button>
        <form
          className="folder-path-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed?.trim()) setDir(typed.trim());
          }}
        >
          <input
            className="folder-path is-mono"
            aria-label="Folder"
            spellCheck={false}
            value={typed ?? listing?.dir ?? ''}
            onChange={(e) => {
              edits.current += 1;
              setTyped(e.target.value);
            }}
          />
        </form>
      </div>
      {error && (
        <p className="field-problem is-error" role="alert">
          {error}
        </p>
      )}
      <ul className="folder-entries" aria-label="Folder contents">
        {listing?.entries.length === 0 && <li className="muted small folder-empty">This folder is empty.</li>}
        {listing?.entries.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={`folder-entry is-${entry.kind}${selected === entry.path ? ' is-selected' : ''}`}
              disabled={entry.kind === 'file'}
              aria-pressed={entry.kind === 'project' ? selected === entry.path : undefined}
              onClick={() => (entry.kind === 'dir' ? setDir(entry.path) : onProject(entry.path, false))}
              onDoubleClick={() => entry.kind === 'project' && onProject(entry.path, true)}
            >
              <Icon name={entry.kind === 'dir' ? 'folder' : 'file'} size={14} />
              <span>{entry.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
