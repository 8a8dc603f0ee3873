import { useProjectStore } from '../stores/projectStore.ts';
import { useProviderModels } from '../stores/providerModels.ts';

/**
 * The model ids of the project's provider as a datalist: an input with `list={id}` suggests them and
 * still takes any text (assistants run on the project's provider).
 */
export function ModelDatalist({ id }: { id: string }) {
  const provider = useProjectStore((s) => s.project.settings.provider);
  const models = useProviderModels(provider);
  return (
    <datalist id={id}>
      {models.map((model) => (
        <option key={model} value={model} />
      ))}
    </datalist>
  );
}
