import OpenAI from 'openai';
import { chatProvider } from './chat.ts';
import { responsesProvider } from './responses.ts';
import type { ModelProvider, ProviderConnection } from './types.ts';

export * from './types.ts';

/** Retries of a failed request when the connection names none (the SDK's own default). */
export const DEFAULT_MAX_RETRIES = 2;

/** The official SDK client for a connection (hosted vector stores and containers use it too). */
export function createClient(connection: ProviderConnection): OpenAI {
  return new OpenAI({
    // Local servers (Ollama, LM Studio) need no key, but the SDK refuses to start without one.
    apiKey: connection.apiKey || 'no-key',
    ...(connection.baseUrl ? { baseURL: connection.baseUrl } : {}),
    maxRetries: connection.maxRetries ?? DEFAULT_MAX_RETRIES,
    ...(connection.timeoutMs !== undefined ? { timeout: connection.timeoutMs } : {}),
  });
}

/** A provider over the official SDK; the key stays inside the SDK client and is never logged. */
export function createProvider(connection: ProviderConnection): ModelProvider {
  const client = createClient(connection);
  const where = connection.baseUrl || 'api.openai.com';
  return connection.api === 'responses' ? responsesProvider(client, where, connection.apiKey) : chatProvider(client, where, connection.apiKey);
}
