import type { AppError } from '../../shared/errors.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import type { UnsavedChoice } from '../stores/uiStore.ts';

export function UnsavedDialog({ action, resolve, onClose }: { action: string; resolve: (c: UnsavedChoice) => void; onClose: () => void }) {
  const name = useProjectStore((s) => s.project.name);
  return (
    <Dialog
      title="Save changes?"
      size="small"
      onClose={onClose}
      description={`“${name || 'Untitled'}” has unsaved changes. Save them before ${action}?`}
      footer={
        <>
          <button type="button" className="secondary-button" onClick={() => resolve('discard')}>
            {"Don't Save"}
          </button>
          <span className="spacer" />
          <button type="button" className="secondary-button" onClick={() => resolve('cancel')}>
            Cancel
          </button>
          <button type="button" className="primary-button" data-autofocus onClick={() => resolve('save')}>
            Save
          </button>
        </>
      }
    >
      <p className="muted">If you don’t save, your changes since the last save are lost.</p>
    </Dialog>
  );
}

export function ErrorDialog({ title, error, onClose }: { title: string; error: AppError; onClose: () => void }) {
  return (
    <Dialog
      title={title}
      size="small"
      onClose={onClose}
      footer={
        <button type="button" className="primary-button" data-autofocus onClick={onClose}>
          OK
        </button>
      }
    >
      <div role="alert">
        <p>{error.message}</p>
        {error.details && error.details.length > 0 && (
          <ul className="error-details">
            {keyedLines(error.details).map(({ key, item }) => (
              <li key={key} className="is-mono">
                {item}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="muted small">Error {error.code}</p>
    </Dialog>
  );
}
