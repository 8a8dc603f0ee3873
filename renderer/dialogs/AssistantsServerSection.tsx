import { useEffect, useId, useState } from 'react';
import type { ServeConfig, ServeStatus } from '../../shared/ipc/serveChannels.ts';
import { toAppError } from '../api/index.ts';
import { ProviderModelFields } from '../components/ProviderModelFields.tsx';
import { copyServeKey, useServeStore } from '../stores/serveStore.ts';
import { AliasTable } from './AliasTable.tsx';

const PORT_PATTERN = /^\d{1,5}$/;

function StatusLine({ status, port }: { status: ServeStatus; port: number }) {
  switch (status.state) {
    case 'off':
      return <p className="serve-status">Off. Switched on, it serves at http://127.0.0.1:{port === 0 ? '<any free port>' : port}/v1.</p>;
    case 'starting':
      return <p className="serve-status">Starting…</p>;
    case 'running':
      return (
        <p className="serve-status is-running">
          Running at <span className="is-mono">{status.url}</span>
        </p>
      );
    case 'failed':
      return <p className="serve-status is-failed">Not running: {status.message}</p>;
  }
}

/** "Copy key" and "Copy environment variables": the key is fetched for the copy and not kept. */
function CopyButtons({ running, onError }: { running: boolean; onError: (message: string) => void }) {
  const [copied, setCopied] = useState<'key' | 'environment' | null>(null);
  const copy = (what: 'key' | 'environment') => {
    copyServeKey(what).then(
      () => {
        setCopied(what);
        setTimeout(() => setCopied(null), 1500);
      },
      (error: unknown) => onError(`Could not copy: ${toAppError(error).message}`),
    );
  };
  return (
    <>
      <button type="button" className="secondary-button" onClick={() => copy('key')}>
        {copied === 'key' ? 'Copied' : 'Copy key'}
      </button>
      <button type="button" className="secondary-button" disabled={!running} onClick={() => copy('environment')}>
        {copied === 'environment' ? 'Copied' : 'Copy environment variables'}
      </button>
    </>
  );
}

/**
 * Settings → Assistants API server: the switch, where it listens and what runs use, the alias table,
 * and the key (copied on request, never shown). It listens on 127.0.0.1 only.
 */
export function AssistantsServerSection({ onError }: { onError: (message: string) => void }) {
  const view = useServeStore((s) => s.view);
  const load = useServeStore((s) => s.load);
  const update = useServeStore((s) => s.update);
  const newKey = useServeStore((s) => s.newKey);
  const [port, setPort] = useState('');
  const [model, setModel] = useState('');
  const [pending, setPending] = useState<boolean | null>(null);
  const ids = { title: useId(), toggle: useId(), help: useId(), url: useId(), port: useId(), portHelp: useId() };
  const savedPort = view?.config.port;
  const savedModel = view?.config.model;

  useEffect(() => {
    load().catch((error: unknown) => onError(toAppError(error).message));
  }, [load, onError]);
  // The fields show what is saved whenever that changes (a refused value goes back to it).
  useEffect(() => {
    if (savedPort !== undefined) setPort(String(savedPort));
  }, [savedPort]);
  useEffect(() => {
    if (savedModel !== undefined) setModel(savedModel);
  }, [savedModel]);

  if (!view) return null;
  const { config } = view;
  const save = (change: Partial<ServeConfig>) => update(change).catch((error: unknown) => onError(toAppError(error).message));
  const enabled = pending ?? config.enabled;
  const portValid = PORT_PATTERN.test(port) && Number(port) <= 65535;
  const savePort = () => {
    if (portValid && Number(port) !== config.port) void save({ port: Number(port) });
  };
  const url = view.status.state === 'running' ? view.status.url : null;
  const running = url !== null;

  return (
    <section className="settings-section serve-section" aria-labelledby={ids.title}>
      <h3 id={ids.title} className="section-title">
        Assistants API server
      </h3>
      <div className="field field-toggle">
        <label htmlFor={ids.toggle}>Serve the Assistants API</label>
        <input
          id={ids.toggle}
          type="checkbox"
          // biome-ignore lint/a11y/useAriaPropsForRole: a checkbox input's checked state is the switch's aria-checked (HTML-AAM); ARIA in HTML says not to set aria-checked on it
          role="switch"
          className="switch"
          checked={enabled}
          aria-describedby={ids.help}
          onChange={(e) => {
            setPending(e.target.checked);
            void save({ enabled: e.target.checked }).finally(() => setPending(null));
          }}
        />
        <p id={ids.help} className="field-help">
          Existing Assistants API code (threads, runs, streaming, tool outputs) runs unchanged against this app, on the provider below; its runs show in the Run
          panel, and the assistants on the canvas are served too. Only this computer can connect (127.0.0.1), with the key.
        </p>
      </div>
      <div role="status" aria-live="polite">
        <StatusLine status={view.status} port={config.port} />
      </div>
      {view.hasKey && (
        <div className="field">
          <label htmlFor={ids.url}>Base URL</label>
          <input id={ids.url} className="is-mono" readOnly value={url ?? ''} placeholder="Not running" />
          <div className="serve-actions">
            <CopyButtons running={running} onError={onError} />
            <button type="button" className="secondary-button" onClick={() => newKey().catch((error: unknown) => onError(toAppError(error).message))}>
              New key
            </button>
          </div>
          <p className="field-help">Set OPENAI_BASE_URL and OPENAI_API_KEY to these in your program's environment. A new key locks out the old one.</p>
        </div>
      )}
      <div className="serve-grid">
        <div className="field">
          <label htmlFor={ids.port}>Port</label>
          <input
            id={ids.port}
            className="is-mono"
            inputMode="numeric"
            value={port}
            aria-describedby={ids.portHelp}
            aria-invalid={!portValid}
            onChange={(e) => setPort(e.target.value.trim())}
            onBlur={savePort}
            onKeyDown={(e) => {
              if (e.key === 'Enter') savePort();
            }}
          />
          <p id={ids.portHelp} className={portValid ? 'field-help' : 'field-problem is-error'}>
            {portValid ? 'Fixed, so your code finds the server after a restart; 0 picks any free port.' : 'A port is a number from 0 to 65535.'}
          </p>
        </div>
        <ProviderModelFields
          layout="form"
          labels={{ provider: 'Provider for API runs', model: 'Default model' }}
          modelPlaceholder="The model the assistant names"
          provider={config.providerId}
          model={model}
          onProviderChange={(providerId) => void save({ providerId })}
          onModelChange={setModel}
          onModelBlur={() => {
            if (model.trim() !== config.model) void save({ model: model.trim() });
          }}
        />
      </div>
      <p className="field-help serve-models-help">
        Runs of assistants made through the API go to this provider. The default model, if set, takes every model name without an alias; without one, the
        provider is asked for the name the assistant gives. Assistants from the canvas run on their project's provider and model.
      </p>
      <AliasTable aliases={config.aliases} onSave={(aliases) => void save({ aliases })} />
    </section>
  );
}
