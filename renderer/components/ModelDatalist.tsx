import { useProviderModels } from '../stores/providerModels.ts';

/** The provider's model ids as a datalist: an input with `list={id}` suggests them and still takes any text. */
export function ModelDatalist({ id, providerId }: { id: string; providerId: string }) {
  const models = useProviderModels(providerId);
  return (
    <datalist id={id}>
      {models.map((model) => <option key={model} value={model} />)}
    </datalist>
  );
}
