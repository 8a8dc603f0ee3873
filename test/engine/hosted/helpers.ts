import OpenAI from 'openai';
import { createHosted, HostedRecords, type HostedServices } from '../../../electron/engine/hosted/index.ts';
import { openStore, type Store } from '../../../electron/engine/store/store.ts';
import type { Simulator } from '../../simulator/server.ts';

/** Hosted services on a fresh in-memory run database, talking to the simulator. */
export function hostedOn(sim: Simulator): { client: OpenAI; store: Store; services: HostedServices; dispose(): void } {
  const store = openStore(':memory:');
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0 });
  const services = createHosted(client, sim.baseURL, new HostedRecords(store.database));
  return { client, store, services, dispose: () => store.close() };
}

/** Every item of a paged list. */
export async function all<T>(page: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of page) items.push(item);
  return items;
}
