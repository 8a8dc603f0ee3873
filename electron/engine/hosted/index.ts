import type OpenAI from 'openai';
import { ContainerManager } from './containers.ts';
import type { HostedRecords } from './records.ts';
import { VectorStoreSync } from './vectorStores.ts';

export { ContainerManager } from './containers.ts';
export { HostedRecords } from './records.ts';
export type { HostedProblem } from './uploads.ts';
export type { SyncProgress } from './vectorStores.ts';

/** OpenAI-hosted File Search and Code Interpreter resources on one provider. */
export interface HostedServices {
  vectorStores: VectorStoreSync;
  containers: ContainerManager;
}

/** The hosted resources reached through `client`; `origin` (its base URL) scopes the records. */
export function createHosted(client: OpenAI, origin: string, records: HostedRecords): HostedServices {
  const ctx = { client, origin, records };
  return { vectorStores: new VectorStoreSync(ctx), containers: new ContainerManager(ctx) };
}
