import { useId, useMemo, useState } from 'react';
import { kindOf } from '../../shared/kinds/index.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { Dialog } from '../components/Dialog.tsx';
import { FolderBrowser } from '../dialogs/FolderBrowser.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { ExportPreview } from './ExportPreview.tsx';
import { ExportProblems } from './ExportProblems.tsx';
import { chooseFolderAndSave, saveExportInto, type SaveOutcome } from './exportSave.ts';
import { useExportFormats, useExportPreview, type ExportFormatId } from './useExportPreview.ts';

function useAssistants() {
  const nodes = useProjectStore((s) => s.project.nodes);
  return useMemo(() => {
    const def = kindOf('assistant');
    return nodes.flatMap((n) => (n.kind === 'assistant' ? [{ id: n.id as string, label: def.label(n.data) }] : []));
  }, [nodes]);
}

/** Warnings the preview already shows are not repeated under the saved result. */
function SaveResult({ outcome, shown }: { outcome: SaveOutcome; shown: readonly string[] }) {
  if (outcome.status === 'saved') {
    const warnings = outcome.result.warnings.filter((w) => !shown.includes(w));
    return (
      <div className="export-saved" role="status">
        Wrote {outcome.result.files.length} file{outcome.result.files.length === 1 ? '' : 's'} to <code>{outcome.result.dir}</code>
        {warnings.length > 0 && (
          <ul className="export-warnings">
            {keyedLines(warnings).map(({ key, item }) => (
              <li key={key}>{item}</li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (outcome.status === 'failed')
    return (
      <p className="field-problem is-error" role="alert">
        Could not save: {outcome.error.message}
      </p>
    );
  return null;
}

/** Exports an assistant as code: choose the format, look at each file, copy it or save them all to a folder. */
export function ExportDialog({ initialAssistantId, onClose }: { initialAssistantId: string | null; onClose: () => void }) {
  const assistants = useAssistants();
  const formats = useExportFormats();
  const [chosen, setChosen] = useState(initialAssistantId);
  const [format, setFormat] = useState<ExportFormatId>('typescript');
  const [selectedFile, setSelectedFile] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [pickedDir, setPickedDir] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [copied, setCopied] = useState(false);
  const assistantId = useId();
  const formatId = useId();

  const assistant = assistants.find((a) => a.id === chosen) ?? assistants[0] ?? null;
  const state = useExportPreview(assistant?.id ?? null, format);
  const preview = state.status === 'ready' ? state.preview : null;
  const shownPath = preview && (preview.files.some((f) => f.path === selectedFile) ? selectedFile : preview.primary);
  const shown = preview?.files.find((f) => f.path === shownPath) ?? null;

  const reset = () => {
    setSelectedFile(null);
    setOutcome(null);
    setPicking(false);
  };
  const finish = (result: SaveOutcome) => {
    setBusy(false);
    if (result.status === 'needs-folder') setPicking(true);
    else setOutcome(result);
  };
  const save = async () => {
    if (!assistant) return;
    setBusy(true);
    setOutcome(null);
    finish(
      picking && pickedDir
        ? await saveExportInto(pickedDir, assistant.id, assistant.label, format)
        : await chooseFolderAndSave(assistant.id, assistant.label, format),
    );
    if (picking && pickedDir) setPicking(false);
  };
  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.content);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (error) {
      useUiStore.getState().pushToast('error', `Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <Dialog
      title="Export assistant"
      size="large"
      onClose={onClose}
      footer={
        <>
          {picking && <span className="muted small">Choose the folder to save into; a new folder for the assistant is made inside it.</span>}
          <span className="spacer" />
          {picking && (
            <button type="button" className="secondary-button" onClick={() => setPicking(false)}>
              Back to preview
            </button>
          )}
          {!picking && (
            <button type="button" className="secondary-button" disabled={!shown} onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          )}
          <button type="button" className="primary-button" disabled={!preview || busy || (picking && !pickedDir)} onClick={() => void save()}>
            {picking ? 'Save here' : 'Save to folder…'}
          </button>
        </>
      }
    >
      {assistant === null ? (
        <p className="muted">Add an Assistant to the canvas to export it.</p>
      ) : (
        <>
          <div className="export-options">
            <div className="field">
              <label htmlFor={assistantId}>Assistant</label>
              <select
                id={assistantId}
                value={assistant.id}
                disabled={assistants.length < 2}
                onChange={(e) => {
                  setChosen(e.target.value);
                  reset();
                }}
              >
                {assistants.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={formatId}>Format</label>
              <select
                id={formatId}
                value={format}
                data-autofocus
                onChange={(e) => {
                  setFormat(e.target.value as ExportFormatId);
                  reset();
                }}
              >
                {formats.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {outcome && <SaveResult outcome={outcome} shown={preview?.warnings ?? []} />}
          {picking ? (
            <FolderBrowser onDir={setPickedDir} onProject={() => undefined} />
          ) : state.status === 'loading' ? (
            <p className="muted" aria-busy="true">
              Generating the export…
            </p>
          ) : state.status === 'failed' ? (
            <ExportProblems error={state.error} assistantNodeId={assistant.id} />
          ) : (
            <>
              {state.preview.warnings.length > 0 && (
                <ul className="export-warnings" aria-label="Export warnings">
                  {keyedLines(state.preview.warnings).map(({ key, item }) => (
                    <li key={key}>{item}</li>
                  ))}
                </ul>
              )}
              <ExportPreview preview={state.preview} selected={shownPath ?? ''} onSelect={setSelectedFile} />
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
