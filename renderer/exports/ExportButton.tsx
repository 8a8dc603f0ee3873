import { Icon } from '../components/Icon.tsx';
import { useUiStore } from '../stores/uiStore.ts';

/** The Assistant inspector's "Export…": opens the export dialog on this assistant. */
export function ExportButton({ nodeId }: { nodeId: string }) {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <button type="button" className="secondary-button" onClick={() => openDialog({ type: 'export', assistantNodeId: nodeId })}>
      <Icon name="export" size={14} /> Export…
    </button>
  );
}
