import { useId, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { useRunStore } from './runStore.ts';

export function RenameThreadDialog({ title, onClose }: { title: string; onClose: () => void }) {
  const renameThread = useRunStore((s) => s.renameThread);
  const [value, setValue] = useState(title);
  const id = useId();
  const formId = useId();
  const valid = value.trim() !== '' && value.length <= 200;
  const save = async () => {
    if (valid && (await renameThread(value.trim()))) onClose();
  };
  return (
    <Dialog
      title="Rename thread"
      size="small"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="secondary-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary-button" disabled={!valid}>
            Rename
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={id}>Title</label>
        <input id={id} data-autofocus value={value} maxLength={200} onChange={(e) => setValue(e.target.value)} />
      </form>
    </Dialog>
  );
}

export function DeleteThreadDialog({ title, onClose }: { title: string; onClose: () => void }) {
  const deleteThread = useRunStore((s) => s.deleteThread);
  return (
    <Dialog
      title="Delete thread?"
      size="small"
      onClose={onClose}
      description={`"${title}" and all its messages, runs and steps will be deleted. This cannot be undone.`}
      footer={
        <>
          <button type="button" className="secondary-button" data-autofocus onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={() => {
              void deleteThread();
              onClose();
            }}
          >
            Delete thread
          </button>
        </>
      }
    >
      {null}
    </Dialog>
  );
}
