import { useState } from 'react';
import { invoke, toAppError } from '../api/index.ts';
import { Dialog } from '../components/Dialog.tsx';

interface DeleteRemoteDialogProps {
  nodeIds: readonly string[];
  providerId: string;
  onClose: () => void;
}

/**
 * Asked after File Search nodes with OpenAI vector stores were removed: the stores and uploaded files
 * stay at OpenAI (and cost storage) unless the user deletes them here. Undo brings the node back, not them.
 */
export function DeleteRemoteDialog({ nodeIds, providerId, onClose }: DeleteRemoteDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const several = nodeIds.length > 1;

  const deleteRemote = async () => {
    setBusy(true);
    setError(null);
    try {
      for (const nodeId of nodeIds) await invoke('app:fileSearch/deleteRemote', { nodeId, providerId });
      onClose();
    } catch (e) {
      setError(toAppError(e).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={several ? 'Also delete their OpenAI vector stores and uploaded files?' : 'Also delete its OpenAI vector store and uploaded files?'}
      size="small"
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="secondary-button" data-autofocus disabled={busy} onClick={onClose}>
            Keep it
          </button>
          <button type="button" className="danger-button" disabled={busy} onClick={() => void deleteRemote()}>
            {busy ? 'Deleting…' : 'Delete remote store'}
          </button>
        </>
      }
    >
      <p>
        {several ? `The ${nodeIds.length} File Search nodes you removed use` : 'The File Search node you removed uses'} a vector store at OpenAI, with the
        Knowledge files uploaded for it. They stay there unless you delete them now.
      </p>
      <p className="muted">Undo brings the node back, but not a deleted vector store: the next run uploads the files again.</p>
      {error && (
        <p className="field-problem is-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
