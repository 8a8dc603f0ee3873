import type { Draft } from '../../shared/ipc/contract.ts';
import { readProject } from '../app/documents.ts';
import { discardDraft } from '../app/fileActions.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const nameOf = (draft: Draft) => {
  const project = draft.project;
  return project && typeof project === 'object' && 'name' in project && typeof project.name === 'string' ? project.name : 'Untitled';
};

/** Offers drafts left by windows that closed with unsaved work. */
export function RecoverDialog({ drafts, onClose }: { drafts: readonly Draft[]; onClose: () => void }) {
  const recover = (draft: Draft) => {
    const read = readProject(draft.project);
    if (!read.ok) {
      useUiStore.getState().showError('This draft cannot be recovered', read.error);
      return;
    }
    // The recovered work is unsaved again: this window's own draft takes over from the old one.
    useProjectStore.getState().loadDocument(read.project, draft.path, { dirty: true, unreviewed: draft.unreviewed ?? [] });
    void discardDraft(draft.draftId);
    onClose();
  };
  const discardAll = () => {
    for (const draft of drafts) void discardDraft(draft.draftId);
    onClose();
  };
  return (
    <Dialog
      title="Recover unsaved work"
      onClose={onClose}
      description="Assistant Studio closed before these changes were saved."
      footer={
        <>
          <button type="button" className="secondary-button" onClick={discardAll}>
            Discard {drafts.length === 1 ? 'draft' : 'all drafts'}
          </button>
          <span className="spacer" />
          <button type="button" className="secondary-button" onClick={onClose}>
            Decide later
          </button>
        </>
      }
    >
      <ul className="draft-list">
        {drafts.map((draft, i) => (
          <li key={draft.draftId}>
            <div>
              <strong>{nameOf(draft)}</strong>
              <span className="muted small">
                {draft.path ?? 'Never saved'} · {when(draft.savedAt)}
              </span>
            </div>
            <button type="button" className="primary-button" data-autofocus={i === 0 ? true : undefined} onClick={() => recover(draft)}>
              Recover
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
