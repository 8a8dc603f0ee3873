import { useProjectStore } from '../stores/projectStore.ts';
import { useProviderModels } from '../stores/providerModels.ts';

/**
 * The model ids of a provider (default: the project's, which assistants run on) as a datalist: an
 * input with `list={id}` suggests them and still takes any text.
 */
export function ModelDatalist({ id, providerId }: { id: string; providerId?: string }) {
  const projectProvider = useProjectStore((s) => s.project.settings.provider);
  const models = useProviderModels(providerId ?? projectProvider);
  return (
    <datalist id={id}>
      {models.map((model) => (
        <option key={model} value={model} />
      ))}
    </datalist>
  );
}
