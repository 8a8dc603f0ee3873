import { useCallback, useEffect, useId, useState } from 'react';
import type { AppError } from '../../shared/errors.ts';
import type { SettingsView } from '../../shared/ipc/contract.ts';
import type { PythonInspection } from '../../shared/ipc/filesChannels.ts';
import { invoke, toAppError } from '../api/index.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { UnsandboxedToggle } from './UnsandboxedToggle.tsx';

const PACKAGES = ['numpy', 'pandas', 'matplotlib'] as const;
const SANDBOX_WORDS: Readonly<Record<PythonInspection['sandbox']['kind'], string>> = {
  bubblewrap: 'bubblewrap (Linux)',
  'sandbox-exec': 'sandbox-exec (macOS)',
  none: 'none on this system',
};

type Inspection = { status: 'loading' } | { status: 'ready'; value: PythonInspection } | { status: 'failed'; error: AppError };

function Status({ inspection }: { inspection: PythonInspection }) {
  const { sandbox } = inspection;
  return (
    <>
      <dl className="python-facts">
        <dt>Python</dt>
        <dd>
          {inspection.executable ? (
            <>
              <code>{inspection.executable}</code>
              {inspection.version && ` · ${inspection.version}`}
            </>
          ) : (
            <span className="is-error-text">Not found</span>
          )}
        </dd>
        <dt>Packages</dt>
        <dd>
          <ul className="package-list" aria-label="Scientific packages">
            {PACKAGES.map((name) => (
              <li key={name} className={inspection.packages[name] ? 'is-present' : 'is-missing'}>
                <span aria-hidden="true">{inspection.packages[name] ? '✓' : '✗'}</span> {name}
                <span className="visually-hidden">{inspection.packages[name] ? ' installed' : ' missing'}</span>
              </li>
            ))}
          </ul>
        </dd>
        <dt>Sandbox</dt>
        <dd>
          {SANDBOX_WORDS[sandbox.kind]} ·{' '}
          <strong className={sandbox.available ? 'is-ok-text' : 'is-error-text'}>{sandbox.available ? 'available' : 'not available'}</strong>
          {sandbox.detail && <span className="field-help"> — {sandbox.detail}</span>}
        </dd>
      </dl>
      {inspection.hints.length > 0 && (
        <ul className="python-hints" aria-label="How to fix">
          {keyedLines(inspection.hints).map(({ key, item }) => (
            <li key={key}>{item}</li>
          ))}
        </ul>
      )}
    </>
  );
}

const whereText = (sandboxAvailable: boolean | null): string =>
  sandboxAvailable === true
    ? 'A sandbox is available here, so code keeps running in it; this applies only if the sandbox stops working.'
    : sandboxAvailable === false
      ? 'No sandbox is available here, so the code interpreter runs no code until you switch this on.'
      : '';

const selectSavedPath = (s: { settings: SettingsView | null }) => s.settings?.pythonPath ?? null;

/** The Python the code interpreter uses: what was found, its packages, the sandbox, and a path to override it. */
export function PythonSection({ onError }: { onError: (message: string) => void }) {
  const saved = useSettingsStore(selectSavedPath);
  const update = useSettingsStore((s) => s.update);
  const [inspection, setInspection] = useState<Inspection>({ status: 'loading' });
  const [path, setPath] = useState(saved ?? '');
  const pathId = useId();

  const inspect = useCallback(() => {
    setInspection({ status: 'loading' });
    invoke('app:python/inspect', {}).then(
      (value) => setInspection({ status: 'ready', value }),
      (error: unknown) => setInspection({ status: 'failed', error: toAppError(error) }),
    );
  }, []);
  // The main process inspects the saved path: look on opening, and again whenever the saved path changes.
  useEffect(() => {
    inspect();
    return useSettingsStore.subscribe((state, previous) => {
      if (selectSavedPath(state) !== selectSavedPath(previous)) inspect();
    });
  }, [inspect]);

  const savePath = () => {
    if (path.trim() === (saved ?? '')) return;
    update({ pythonPath: path.trim() }).catch((e: unknown) => onError(toAppError(e).message));
  };

  const sandboxAvailable = inspection.status === 'ready' ? inspection.value.sandbox.available : null;
  return (
    <section className="settings-section" aria-labelledby="python-title">
      <div className="section-head">
        <h3 id="python-title" className="section-title">
          Code interpreter
        </h3>
        <button type="button" className="text-button" onClick={inspect}>
          Check again
        </button>
      </div>
      {inspection.status === 'loading' && (
        <p className="muted" aria-busy="true">
          Looking for Python…
        </p>
      )}
      {inspection.status === 'failed' && (
        <p className="field-problem is-error" role="alert">
          {inspection.error.message}
        </p>
      )}
      {inspection.status === 'ready' && <Status inspection={inspection.value} />}
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          savePath();
        }}
      >
        <label htmlFor={pathId}>Python path</label>
        <div className="key-row">
          <input
            id={pathId}
            className="is-mono"
            value={path}
            placeholder="Found automatically"
            spellCheck={false}
            onChange={(e) => setPath(e.target.value)}
            onBlur={savePath}
          />
          <button type="submit" className="secondary-button" disabled={path.trim() === (saved ?? '')}>
            Use
          </button>
        </div>
        <p className="field-help">An absolute path to a Python 3 executable; leave empty to find one automatically.</p>
      </form>
      <UnsandboxedToggle
        setting="allowUnsandboxedPython"
        label="Run Python without a sandbox (unsafe)"
        help={`Code the model writes would run with your permissions: it could read and change your files and reach the network. ${whereText(sandboxAvailable)}`}
        sandboxAvailable={sandboxAvailable}
        warning="Python runs unsandboxed on this machine."
        onError={onError}
      />
    </section>
  );
}
