import { useId, useState } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useUiStore } from '../stores/uiStore.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { openAsGraph } from './apiAssistants.ts';
import type { AssistantChoice } from './assistantChoices.ts';
import { useRunStore } from './runStore.ts';
import { DeleteThreadDialog, RenameThreadDialog } from './ThreadDialogs.tsx';

function Options({ choices }: { choices: readonly AssistantChoice[] }) {
  return choices.map((a) => (
    <option key={a.id} value={a.id}>
      {a.label}
    </option>
  ));
}

/** The assistant list: the canvas's, then those made through the Assistants API, each group labelled when both exist. */
function AssistantOptions({ assistants }: { assistants: readonly AssistantChoice[] }) {
  const canvas = assistants.filter((a) => a.source === 'canvas');
  const api = assistants.filter((a) => a.source === 'api');
  if (assistants.length === 0) return <option value="">No assistant in the project</option>;
  if (api.length === 0) return <Options choices={canvas} />;
  return (
    <>
      {canvas.length > 0 && (
        <optgroup label="On the canvas">
          <Options choices={canvas} />
        </optgroup>
      )}
      <optgroup label="Made through the Assistants API">
        <Options choices={api} />
      </optgroup>
    </>
  );
}

/** Adds the shown API assistant to the canvas; its node keeps the id its threads are bound to, so the panel stays on them. */
function OpenAsGraphButton({ choice }: { choice: Extract<AssistantChoice, { source: 'api' }> }) {
  const [busy, setBusy] = useState(false);
  const canvas = useCanvasActions();
  const open = async () => {
    setBusy(true);
    const result = await openAsGraph(choice.assistant);
    setBusy(false);
    const toast = useUiStore.getState().pushToast;
    if (result.ok) canvas.fitNodes(useProjectStore.getState().selection.nodeIds);
    if (result.ok) toast('info', `“${choice.label}” is on the canvas now, with its threads.`);
    else toast('error', `Could not open “${choice.label}” as a graph: ${result.message}`);
  };
  return (
    <button type="button" className="tool-button" disabled={busy} onClick={() => void open()}>
      Open as graph
    </button>
  );
}

/** The panel's header: which assistant, which of its threads, and the thread actions. */
export function ThreadBar({ assistants }: { assistants: readonly AssistantChoice[] }) {
  const assistantNodeId = useRunStore((s) => s.assistantNodeId);
  const threads = useRunStore((s) => s.threads);
  const threadId = useRunStore((s) => s.threadId);
  const selectAssistant = useRunStore((s) => s.selectAssistant);
  const selectThread = useRunStore((s) => s.selectThread);
  const createThread = useRunStore((s) => s.createThread);
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const assistantId = useId();
  const threadPickerId = useId();
  const thread = threads.find((t) => t.id === threadId);
  const shown = assistants.find((a) => a.id === assistantNodeId);

  return (
    <div className="thread-bar">
      <div className={`thread-bar-row${shown?.source === 'api' ? ' with-action' : ''}`}>
        <label htmlFor={assistantId}>Assistant</label>
        <select
          id={assistantId}
          value={assistantNodeId ?? ''}
          disabled={assistants.length === 0}
          onChange={(e) => void selectAssistant(e.target.value || null)}
        >
          <AssistantOptions assistants={assistants} />
        </select>
        {shown?.source === 'api' && <OpenAsGraphButton choice={shown} />}
      </div>
      <div className="thread-bar-row">
        <label htmlFor={threadPickerId}>Thread</label>
        <select id={threadPickerId} value={threadId ?? ''} disabled={threads.length === 0} onChange={(e) => void selectThread(e.target.value || null)}>
          {threads.length === 0 && <option value="">No threads yet</option>}
          {threads.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
        <div className="thread-actions">
          <button
            type="button"
            className="tool-button"
            aria-label="New thread"
            disabled={assistantNodeId === null || shown?.source === 'api'}
            onClick={() => void createThread()}
          >
            <Icon name="plus" size={14} /> New
          </button>
          <button type="button" className="tool-button" aria-label="Rename thread" disabled={!thread} onClick={() => setDialog('rename')}>
            Rename
          </button>
          <button type="button" className="tool-button" aria-label="Delete thread" title="Delete thread" disabled={!thread} onClick={() => setDialog('delete')}>
            <Icon name="trash" size={14} />
          </button>
        </div>
      </div>
      {thread && dialog === 'rename' && <RenameThreadDialog title={thread.title} onClose={() => setDialog(null)} />}
      {thread && dialog === 'delete' && <DeleteThreadDialog title={thread.title} onClose={() => setDialog(null)} />}
    </div>
  );
}
