import { ProviderModelFields } from '../components/ProviderModelFields.tsx';
import { useProjectStore } from '../stores/projectStore.ts';

/** The project's default provider (from the configured providers) and model (free text). */
export function ProjectDefaults({ layout = 'inline' }: { layout?: 'inline' | 'form' }) {
  const provider = useProjectStore((s) => s.project.settings.provider);
  const model = useProjectStore((s) => s.project.settings.model);
  const updateProject = useProjectStore((s) => s.updateProject);
  return (
    <ProviderModelFields
      layout={layout}
      provider={provider}
      model={model}
      onProviderChange={(next) => updateProject({ settings: { provider: next } })}
      onModelChange={(next) => updateProject({ settings: { model: next } }, { coalesceKey: 'project:model' })}
    />
  );
}
