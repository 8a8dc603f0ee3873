import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { ToolButton } from './ToolButton.tsx';

/** The selected node's id when it is an Assistant, so Export starts with the one the user is looking at. */
function selectedAssistant(): string | null {
  const { project, selection } = useProjectStore.getState();
  const id = selection.nodeIds.length === 1 ? selection.nodeIds[0] : undefined;
  return project.nodes.find((n) => n.id === id && n.kind === 'assistant')?.id ?? null;
}

/** Import of assistant definitions and export of an assistant as code. */
export function ExchangeButtons() {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <>
      <span className="toolbar-separator" />
      <ToolButton icon="import" label="Import assistant" onClick={() => openDialog({ type: 'import' })} />
      <ToolButton
        icon="export"
        label="Export assistant as code"
        text="Export"
        onClick={() => openDialog({ type: 'export', assistantNodeId: selectedAssistant() })}
      />
    </>
  );
}
