import { useId } from 'react';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { ModelDatalist } from './ModelDatalist.tsx';

interface ProviderModelFieldsProps {
  provider: string;
  model: string;
  onProviderChange: (provider: string) => void;
  onModelChange: (model: string) => void;
  /** Where a typed model is saved when typing stops (the field lost focus); default: saved as typed. */
  onModelBlur?: () => void;
  labels?: { provider: string; model: string };
  modelPlaceholder?: string;
  layout?: 'inline' | 'form';
}

/** A configured provider (or the one named, marked as not configured) and a model of it (suggested from its /models, free text). */
export function ProviderModelFields({
  provider,
  model,
  onProviderChange,
  onModelChange,
  onModelBlur,
  labels = { provider: 'Default provider', model: 'Default model' },
  modelPlaceholder = 'gpt-4.1-mini',
  layout = 'inline',
}: ProviderModelFieldsProps) {
  const providers = useSettingsStore((s) => s.settings?.providers);
  const providerId = useId();
  const modelId = useId();
  const known = providers?.some((p) => p.id === provider) ?? false;
  return (
    <div className={layout === 'inline' ? 'project-defaults' : 'form-grid'}>
      <div className="field-inline">
        <label htmlFor={providerId}>{labels.provider}</label>
        <select id={providerId} title={labels.provider} value={provider} onChange={(e) => onProviderChange(e.target.value)}>
          {providers?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          {!known && <option value={provider}>{provider ? `${provider} (not configured)` : 'None'}</option>}
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={modelId}>{labels.model}</label>
        <input
          id={modelId}
          title={labels.model}
          value={model}
          spellCheck={false}
          list={`${modelId}-suggestions`}
          placeholder={modelPlaceholder}
          onChange={(e) => onModelChange(e.target.value)}
          onBlur={onModelBlur}
        />
        <ModelDatalist id={`${modelId}-suggestions`} providerId={provider} />
      </div>
    </div>
  );
}
