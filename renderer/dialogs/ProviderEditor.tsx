import { useId, useState } from 'react';
import type { ProviderConfig, ProviderView } from '../../shared/ipc/contract.ts';
import { toAppError } from '../api/index.ts';
import { Icon } from '../components/Icon.tsx';
import { useSettingsStore } from '../stores/settingsStore.ts';

const SOURCE_LABEL = { keychain: 'keychain', 'encrypted-file': 'encrypted file', environment: 'environment variable' } as const;

interface ProviderEditorProps {
  provider: ProviderView;
  onSave: (provider: ProviderConfig) => void;
  onRemove: () => void;
  onError: (message: string) => void;
}

/**
 * One provider. Text fields save when they lose focus. The key field only ever sends a key: the window
 * never receives a stored key back, only whether one is set and where it comes from.
 */
export function ProviderEditor({ provider, onSave, onRemove, onError }: ProviderEditorProps) {
  const [draft, setDraft] = useState(provider);
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const ids = {
    title: useId(),
    label: useId(),
    kind: useId(),
    url: useId(),
    env: useId(),
    key: useId(),
    keyHelp: useId(),
    embedding: useId(),
    embeddingHelp: useId(),
  };
  const compatible = draft.kind === 'openai-compatible';
  const setSecret = useSettingsStore((s) => s.setSecret);
  const clearSecret = useSettingsStore((s) => s.clearSecret);

  const commit = (next: ProviderView) => {
    setDraft(next);
    if (next.label.trim() === '') return;
    if (
      next.label !== provider.label ||
      next.kind !== provider.kind ||
      next.baseUrl !== provider.baseUrl ||
      next.apiKeyEnv !== provider.apiKeyEnv ||
      next.embeddingModel !== provider.embeddingModel
    ) {
      onSave(next);
    }
  };
  const secret = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      setApiKey('');
    } catch (e) {
      onError(toAppError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="provider-card" aria-labelledby={ids.title}>
      <div className="provider-head">
        <strong id={ids.title}>{provider.label}</strong>
        <span className="muted small is-mono">{provider.id}</span>
        <span className={`key-status ${provider.hasKey ? 'is-set' : ''}`}>
          {provider.hasKey && provider.keySource ? `Key set (${SOURCE_LABEL[provider.keySource]})` : 'No key'}
        </span>
        <button type="button" className="icon-button" aria-label={`Remove provider ${provider.label}`} onClick={onRemove}>
          <Icon name="trash" size={14} />
        </button>
      </div>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={ids.label}>Label</label>
          <input id={ids.label} value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} onBlur={() => commit(draft)} />
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>Type</label>
          <select id={ids.kind} value={draft.kind} onChange={(e) => commit({ ...draft, kind: e.target.value as ProviderConfig['kind'] })}>
            <option value="openai">OpenAI</option>
            <option value="openai-compatible">OpenAI-compatible</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.url}>Base URL</label>
          <input
            id={ids.url}
            className="is-mono"
            value={draft.baseUrl}
            spellCheck={false}
            onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })}
            onBlur={() => commit(draft)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.env}>Key environment variable</label>
          <input
            id={ids.env}
            className="is-mono"
            value={draft.apiKeyEnv}
            spellCheck={false}
            placeholder={compatible ? 'optional' : 'OPENAI_API_KEY'}
            onChange={(e) => setDraft({ ...draft, apiKeyEnv: e.target.value })}
            onBlur={() => commit(draft)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.embedding}>Embedding model</label>
          <input
            id={ids.embedding}
            className="is-mono"
            value={draft.embeddingModel}
            spellCheck={false}
            aria-describedby={ids.embeddingHelp}
            placeholder={draft.kind === 'openai' ? 'text-embedding-3-small' : 'none'}
            onChange={(e) => setDraft({ ...draft, embeddingModel: e.target.value })}
            onBlur={() => commit({ ...draft, embeddingModel: draft.embeddingModel.trim() })}
          />
          <p id={ids.embeddingHelp} className="field-help">
            With a model here, local File Search adds vectors from this provider's /embeddings to keyword search
            {draft.kind === 'openai' ? ' (text-embedding-3-small is a good choice)' : ''}. Empty: keyword search only.
          </p>
        </div>
      </div>
      <form
        className="key-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (apiKey) void secret(() => setSecret(provider.id, apiKey));
        }}
      >
        <div className="field">
          <label htmlFor={ids.key}>API key</label>
          <input
            id={ids.key}
            type="password"
            autoComplete="off"
            value={apiKey}
            placeholder={provider.hasKey ? '••••••••' : compatible ? 'if the server needs one' : 'sk-…'}
            aria-describedby={compatible ? ids.keyHelp : undefined}
            onChange={(e) => setApiKey(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary-button" disabled={busy || apiKey === ''}>
          Save key
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={busy || !provider.hasKey || provider.keySource === 'environment'}
          onClick={() => void secret(() => clearSecret(provider.id))}
        >
          Clear key
        </button>
        {compatible && (
          <p id={ids.keyHelp} className="field-help key-help">
            Local servers such as Ollama or vLLM usually need no key.
          </p>
        )}
      </form>
    </fieldset>
  );
}
