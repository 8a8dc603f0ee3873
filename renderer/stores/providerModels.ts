import { useEffect, useState } from 'react';
import type { SettingsView } from '../../shared/ipc/contract.ts';
import { invoke } from '../api/index.ts';
import { useSettingsStore } from './settingsStore.ts';

type Providers = SettingsView['providers'];

// One request per provider for as long as the providers' settings stay the same object: a changed
// base URL or key arrives as new settings, and its lists are asked for again.
const lists = new WeakMap<Providers, Map<string, Promise<string[]>>>();

function modelsOf(providers: Providers, providerId: string): Promise<string[]> {
  let byProvider = lists.get(providers);
  if (!byProvider) {
    byProvider = new Map();
    lists.set(providers, byProvider);
  }
  let list = byProvider.get(providerId);
  if (!list) {
    // A provider that cannot list its models (no key yet, offline, a server without /models) offers
    // none; the field still takes any model id typed by hand.
    list = invoke('app:models/list', { providerId }).then(
      (r) => [...r.models].sort(),
      () => [],
    );
    byProvider.set(providerId, list);
  }
  return list;
}

/** The model ids a provider offers (from its /models), for suggestions; empty until they arrive. */
export function useProviderModels(providerId: string): string[] {
  const providers = useSettingsStore((s) => s.settings?.providers);
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    if (!providers?.some((p) => p.id === providerId)) {
      setModels([]);
      return;
    }
    let current = true;
    void modelsOf(providers, providerId).then((ids) => {
      if (current) setModels(ids);
    });
    return () => {
      current = false;
    };
  }, [providerId, providers]);
  return models;
}
