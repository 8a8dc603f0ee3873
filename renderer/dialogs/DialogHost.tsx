import { ExportDialog } from '../exports/ExportDialog.tsx';
import { ImportDialog } from '../exports/ImportDialog.tsx';
import { SaveFileDialog } from '../files/SaveFileDialog.tsx';
import { useUiStore } from '../stores/uiStore.ts';
import { DeleteRemoteDialog } from './DeleteRemoteDialog.tsx';
import { NewProjectDialog } from './NewProjectDialog.tsx';
import { OpenDialog } from './OpenDialog.tsx';
import { RecoverDialog } from './RecoverDialog.tsx';
import { ReviewDialog } from '../runs/ReviewDialog.tsx';
import { SaveAsDialog } from './SaveAsDialog.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { ErrorDialog, UnsavedDialog } from './SimpleDialogs.tsx';

/** Shows the one open dialog, if any. */
export function DialogHost() {
  const dialog = useUiStore((s) => s.dialog);
  const close = useUiStore((s) => s.closeDialog);
  switch (dialog.type) {
    case 'none':
      return null;
    case 'settings':
      return <SettingsDialog onClose={close} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={close} />;
    case 'open':
      return <OpenDialog onClose={close} />;
    case 'newProject':
      return <NewProjectDialog onClose={close} />;
    case 'saveAs':
      return (
        <SaveAsDialog
          onDone={(saved) => {
            useUiStore.setState({ dialog: { type: 'none' } });
            dialog.resolve?.(saved);
          }}
        />
      );
    case 'unsaved':
      return <UnsavedDialog action={dialog.action} resolve={dialog.resolve} onClose={close} />;
    case 'error':
      return <ErrorDialog title={dialog.title} error={dialog.error} onClose={close} />;
    case 'recover':
      return <RecoverDialog drafts={dialog.drafts} onClose={close} />;
    case 'export':
      return <ExportDialog initialAssistantId={dialog.assistantNodeId} onClose={close} />;
    case 'import':
      return <ImportDialog onClose={close} />;
    case 'saveFile':
      return <SaveFileDialog fileId={dialog.fileId} filename={dialog.filename} onClose={close} />;
    case 'deleteRemote':
      return <DeleteRemoteDialog nodeIds={dialog.nodeIds} providerId={dialog.providerId} onClose={close} />;
    case 'review':
      return <ReviewDialog path={dialog.path} onClose={close} />;
  }
}
