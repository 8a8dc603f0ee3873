import OpenAI from 'openai';
import { chatProvider } from './chat.ts';
import { responsesProvider } from './responses.ts';
import { ProviderFailure, type ModelProvider, type ProviderConnection } from './types.ts';

export * from './types.ts';

/** The official SDK client for a connection (hosted vector stores and containers use it too). */
export function createClient(connection: ProviderConnection): OpenAI {
  return new OpenAI({
    // Local servers (Ollama, LM Studio) need no key, but the SDK refuses to start without one.
    apiKey: connection.apiKey || 'no-key',
    ...(connection.baseUrl ? { baseURL: connection.baseUrl } : {}),
    maxRetries: connection.maxRetries ?? 2,
    ...(connection.timeoutMs !== undefined ? { timeout: connection.timeoutMs } : {}),
  });
}

/** A provider over the official SDK; the key stays inside the SDK client and is never logged. */
export function createProvider(connection: ProviderConnection): ModelProvider {
  const client = createClient(connection);
  const where = connection.baseUrl || 'api.openai.com';
  const inner = connection.api === 'responses' ? responsesProvider(client, where) : chatProvider(client, where);
  return {
    api: inner.api,
    async *respond(request, options) {
      try {
        yield* inner.respond(request, options);
      } catch (error) {
        // Some servers echo the key (or part of it) in error messages; those become stored run errors.
        if (error instanceof ProviderFailure && connection.apiKey && error.message.includes(connection.apiKey)) {
          throw new ProviderFailure(error.code, error.message.replaceAll(connection.apiKey, '[API key]'), error.status);
        }
        throw error;
      }
    },
  };
}
