import { useEffect, useState } from 'react';
import { invoke } from '../api/index.ts';
import { useSettingsStore } from './settingsStore.ts';

/** One request per provider until its settings change: model lists are long and change rarely. */
const lists = new Map<string, Promise<string[]>>();
let listedFor: unknown = null;

function modelsOf(providerId: string): Promise<string[]> {
  let list = lists.get(providerId);
  if (!list) {
    // A provider that cannot list its models (no key yet, offline, a server without /models) offers
    // none; the field still takes any model id typed by hand.
    list = invoke('app:models/list', { providerId }).then((r) => [...r.models].sort(), () => []);
    lists.set(providerId, list);
  }
  return list;
}

/** The model ids a provider offers (from its /models), for suggestions; empty until they arrive. */
export function useProviderModels(providerId: string): string[] {
  const providers = useSettingsStore((s) => s.settings?.providers);
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    // A changed base URL or key may change the answer: ask again.
    if (providers !== listedFor) {
      lists.clear();
      listedFor = providers;
    }
    if (!providerId || !providers?.some((p) => p.id === providerId)) {
      setModels([]);
      return;
    }
    let current = true;
    void modelsOf(providerId).then((ids) => {
      if (current) setModels(ids);
    });
    return () => {
      current = false;
    };
  }, [providerId, providers]);
  return models;
}
