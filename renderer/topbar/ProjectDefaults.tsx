import { useId } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';
import { ModelDatalist } from '../components/ModelDatalist.tsx';
import { useSettingsStore } from '../stores/settingsStore.ts';

/** The project's default provider (from the configured providers) and model (free text). */
export function ProjectDefaults({ layout = 'inline' }: { layout?: 'inline' | 'form' }) {
  const provider = useProjectStore((s) => s.project.settings.provider);
  const model = useProjectStore((s) => s.project.settings.model);
  const updateProject = useProjectStore((s) => s.updateProject);
  const providers = useSettingsStore((s) => s.settings?.providers);
  const providerId = useId();
  const modelId = useId();
  const known = providers?.some((p) => p.id === provider) ?? false;
  return (
    <div className={layout === 'inline' ? 'project-defaults' : 'form-grid'}>
      <div className="field-inline">
        <label htmlFor={providerId}>Default provider</label>
        <select id={providerId} value={provider} onChange={(e) => updateProject({ settings: { provider: e.target.value } })}>
          {providers?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          {!known && <option value={provider}>{provider ? `${provider} (not configured)` : 'None'}</option>}
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor={modelId}>Default model</label>
        <input
          id={modelId}
          value={model}
          spellCheck={false}
          list={`${modelId}-suggestions`}
          placeholder="gpt-4.1-mini"
          onChange={(e) => updateProject({ settings: { model: e.target.value } }, { coalesceKey: 'project:model' })}
        />
        <ModelDatalist id={`${modelId}-suggestions`} />
      </div>
    </div>
  );
}
