import { useId, useState } from 'react';
import type { ProviderConfig, ProviderView, Theme } from '../../shared/ipc/contract.ts';
import { randomId } from '../../shared/ids.ts';
import { toAppError } from '../api/index.ts';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { AssistantsServerSection } from './AssistantsServerSection.tsx';
import { ProviderEditor } from './ProviderEditor.tsx';
import { HandlersSection } from './HandlersSection.tsx';
import { PythonSection } from './PythonSection.tsx';
import { RunsSection } from './RunsSection.tsx';

const THEMES: readonly { value: Theme; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const toConfig = ({ id, label, kind, baseUrl, apiKeyEnv, embeddingModel }: ProviderView | ProviderConfig): ProviderConfig => ({
  id,
  label,
  kind,
  baseUrl,
  apiKeyEnv,
  embeddingModel,
});

function newProvider(kind: ProviderConfig['kind'], existing: readonly ProviderView[]): ProviderConfig {
  const taken = new Set(existing.map((p) => p.id));
  if (kind === 'openai') {
    const id = taken.has('openai') ? randomId('openai-', 6).toLowerCase() : 'openai';
    return { id, label: 'OpenAI', kind, baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY', embeddingModel: '' };
  }
  return { id: randomId('compat-', 8).toLowerCase(), label: 'Local server', kind, baseUrl: 'http://127.0.0.1:8000/v1', apiKeyEnv: '', embeddingModel: '' };
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useSettingsStore((s) => s.settings);
  const theme = useSettingsStore((s) => s.theme);
  const update = useSettingsStore((s) => s.update);
  const [error, setError] = useState<string | null>(null);
  const themeId = useId();
  const dataDirId = useId();

  const run = (action: Promise<void>) => {
    setError(null);
    action.catch((e: unknown) => setError(toAppError(e).message));
  };
  const providers = settings?.providers ?? [];
  const saveProviders = (next: readonly ProviderConfig[]) => run(update({ providers: next.map(toConfig) }));

  return (
    <Dialog
      title="Settings"
      size="large"
      onClose={onClose}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="primary-button" onClick={onClose}>
            Done
          </button>
        </>
      }
    >
      {error && (
        <p className="field-problem is-error" role="alert">
          {error}
        </p>
      )}
      <section className="settings-section" aria-labelledby="providers-title">
        <div className="section-head">
          <h3 id="providers-title" className="section-title">
            Providers
          </h3>
          <div className="section-actions">
            <button type="button" className="text-button" onClick={() => saveProviders([...providers, newProvider('openai', providers)])}>
              <Icon name="plus" size={14} /> Add OpenAI
            </button>
            <button type="button" className="text-button" onClick={() => saveProviders([...providers, newProvider('openai-compatible', providers)])}>
              <Icon name="plus" size={14} /> Add OpenAI-compatible
            </button>
          </div>
        </div>
        {!settings ? (
          <p className="muted">Settings are not available right now.</p>
        ) : providers.length === 0 ? (
          <p className="muted">No providers yet. Add one to run assistants.</p>
        ) : (
          <ul className="provider-list">
            {providers.map((provider) => (
              <li key={provider.id}>
                <ProviderEditor
                  provider={provider}
                  onSave={(changed) => saveProviders(providers.map((p) => (p.id === provider.id ? changed : p)))}
                  onRemove={() => saveProviders(providers.filter((p) => p.id !== provider.id))}
                  onError={setError}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <AssistantsServerSection onError={setError} />
      <PythonSection onError={setError} />
      <RunsSection onError={setError} />
      <HandlersSection onError={setError} />
      <section className="settings-section" aria-labelledby="appearance-title">
        <h3 id="appearance-title" className="section-title">
          Appearance
        </h3>
        <div className="field">
          <label htmlFor={themeId}>Theme</label>
          <select id={themeId} value={theme} onChange={(e) => run(update({ theme: e.target.value as Theme }))}>
            {THEMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      </section>
      <section className="settings-section" aria-labelledby="storage-title">
        <h3 id="storage-title" className="section-title">
          Storage
        </h3>
        <div className="field">
          <label htmlFor={dataDirId}>Data directory</label>
          <input id={dataDirId} className="is-mono" value={settings?.dataDir ?? ''} readOnly />
          <p className="field-help">
            Threads, runs, drafts and settings live here. Keys are kept in the{' '}
            {settings?.secretStorage === 'keychain' ? 'system keychain' : 'encrypted key file'}.
          </p>
        </div>
      </section>
    </Dialog>
  );
}
