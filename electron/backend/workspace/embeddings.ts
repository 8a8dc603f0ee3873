import { createOpenAIEmbedder, type Embedder } from '../../engine/index.ts';
import type { ProviderAccess } from './providers.ts';

/** Where the SDK sends requests when a provider's base URL is empty. */
const OPENAI_API = 'https://api.openai.com/v1';

/** The embedder of a provider, when it has an embedding model; null means keyword-only File Search. */
export type EmbedderFor = (providerId: string) => Promise<Embedder | null>;

/**
 * Embedders from the providers' settings: the provider's own base URL and key (from the secrets
 * service, inside the connection) with its embedding model. The key stays inside the SDK client.
 */
export function createEmbedderAccess(providers: ProviderAccess): EmbedderFor {
  return async (providerId) => {
    const model = providers.config(providerId).embeddingModel.trim();
    if (model === '') return null;
    const { baseUrl, apiKey } = await providers.connection(providerId);
    return createOpenAIEmbedder({ baseURL: baseUrl.trim() === '' ? OPENAI_API : baseUrl, apiKey, model });
  };
}
