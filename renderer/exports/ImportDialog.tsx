import { useId, useRef, useState } from 'react';
import type { AppError } from '../../shared/errors.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { invoke, toAppError } from '../api/index.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { useProjectStore } from '../stores/projectStore.ts';

type Report = ResponseOf<'app:import/definition'>['report'];

const SOURCE_WORDS: Readonly<Record<Report['source'], string>> = {
  studio: 'an Assistant Studio definition',
  'assistants-api': 'an Assistants API object',
};

function ImportReport({ report }: { report: Report }) {
  return (
    <div className="import-report" role="status">
      <p>
        Imported {SOURCE_WORDS[report.source]}: {report.assistants.map((a) => `“${a.name}”`).join(', ') || 'no assistants'}. The new nodes are selected on the
        canvas, to the right of the existing graph.
      </p>
      {report.notes.length > 0 && (
        <>
          <h3 className="section-title">Kept in metadata or left out</h3>
          <ul className="import-notes">
            {keyedLines(report.notes).map(({ key, item }) => (
              <li key={key}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * Imports an assistant definition (ours, or an Assistants API assistant object) pasted or read from a
 * file; the graph it becomes is added to the project as one undoable edit.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const textId = useId();
  const fileRef = useRef<HTMLInputElement>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setFileName(file.name);
    setText(await file.text());
  };

  const canvas = useCanvasActions();
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('app:import/definition', { text });
      const added = useProjectStore.getState().importGraph(result);
      // The imported nodes are selected; the view frames them, wherever they landed.
      if (added.ok) {
        canvas.fitNodes(useProjectStore.getState().selection.nodeIds);
        setReport(result.report);
      } else setError({ code: 'E_INVALID_REQUEST', message: added.message });
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Import assistant"
      size="large"
      description="Paste an exported Assistant Studio JSON definition or an Assistants API assistant object (one, a list, or a list response)."
      onClose={onClose}
      footer={
        report ? (
          <>
            <span className="spacer" />
            <button type="button" className="primary-button" data-autofocus onClick={onClose}>
              Done
            </button>
          </>
        ) : (
          <>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
            <button type="button" className="secondary-button" onClick={() => fileRef.current?.click()}>
              Choose file…
            </button>
            {fileName && <span className="muted small is-mono">{fileName}</span>}
            <span className="spacer" />
            <button type="button" className="secondary-button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="primary-button" disabled={busy || text.trim() === ''} onClick={() => void submit()}>
              Import
            </button>
          </>
        )
      }
    >
      {report ? (
        <ImportReport report={report} />
      ) : (
        <>
          <div className="field">
            <label htmlFor={textId}>Definition (JSON)</label>
            <textarea
              id={textId}
              className="is-mono import-text"
              rows={14}
              spellCheck={false}
              value={text}
              data-autofocus
              placeholder='{"id": "asst_…", "object": "assistant", "model": "gpt-4o", "instructions": "…", "tools": […]}'
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
          </div>
          {error && (
            <div className="import-error" role="alert">
              <p>
                <strong>Nothing was imported.</strong> {error.message}
              </p>
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
          )}
        </>
      )}
    </Dialog>
  );
}
