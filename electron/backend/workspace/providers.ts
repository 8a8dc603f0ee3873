import OpenAI, { APIConnectionError, APIError } from 'openai';
import { AppFailure } from '../../../shared/errors.ts';
import type { ProviderConfig } from '../../../shared/ipc/contract.ts';
import type { ProviderConnection } from '../../engine/index.ts';
import type { Secrets } from './secrets.ts';
import { readSettings, type SettingsStore } from './settings.ts';

/** Sent where a local server needs no key: the SDK refuses to start without one. */
const PLACEHOLDER_KEY = 'no-key';
const MODELS_TIMEOUT_MS = 15_000;

/** Local model servers (Ollama, LM Studio, vLLM, llama.cpp) listen on loopback and usually need no key. */
function isLoopbackUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** How the app reaches its configured model providers; keys stay inside the connections it returns. */
export interface ProviderAccess {
  /** The configured provider with this id, or an AppFailure naming it. */
  config(providerId: string): ProviderConfig;
  /** What the runtime needs to call the provider, key included; a missing key is an AppFailure. */
  connection(providerId: string): Promise<ProviderConnection>;
  /** The provider's model ids (`GET /models`), sorted. */
  listModels(providerId: string): Promise<string[]>;
}

/** A message with every occurrence of the key blanked, in case a server echoes it back. */
const redact = (message: string, key: string): string => (key.length >= 4 ? message.split(key).join('***') : message);

export function createProviderAccess(settings: SettingsStore, secrets: Secrets): ProviderAccess {
  const config = (providerId: string): ProviderConfig => {
    const provider = readSettings(settings).providers.find((p) => p.id === providerId);
    if (!provider) throw new AppFailure('E_NOT_FOUND', `There is no provider "${providerId}"; add it in Settings or choose another one for the project.`);
    return provider;
  };

  const connection = async (providerId: string): Promise<ProviderConnection> => {
    const provider = config(providerId);
    const api = provider.kind === 'openai' ? 'responses' : 'chat';
    if (provider.kind === 'openai-compatible' && provider.baseUrl.trim() === '') {
      throw new AppFailure('E_INVALID_REQUEST', `Set the base URL of ${provider.label} in Settings.`);
    }
    const key = await secrets.getKey(provider);
    if (key !== null) return { api, baseUrl: provider.baseUrl, apiKey: key };
    if (provider.kind === 'openai-compatible' && isLoopbackUrl(provider.baseUrl)) return { api, baseUrl: provider.baseUrl, apiKey: PLACEHOLDER_KEY };
    const env = provider.apiKeyEnv ? `, or set ${provider.apiKeyEnv}` : '';
    throw new AppFailure('E_INVALID_REQUEST', `Add an API key for ${provider.label} in Settings${env}.`);
  };

  return {
    config,
    connection,
    async listModels(providerId) {
      const { label } = config(providerId);
      const { baseUrl, apiKey } = await connection(providerId);
      const client = new OpenAI({ apiKey, ...(baseUrl ? { baseURL: baseUrl } : {}), maxRetries: 1, timeout: MODELS_TIMEOUT_MS });
      const ids: string[] = [];
      try {
        for await (const model of client.models.list()) ids.push(model.id);
      } catch (error) {
        throw new AppFailure('E_IO', redact(`Could not list the models of ${label}: ${reasonOf(error)}`, apiKey));
      }
      return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof APIConnectionError) return `the server did not answer (${error.message}).`;
  if (error instanceof APIError) {
    if (error.status === 401 || error.status === 403) return 'the provider rejected the API key.';
    if (error.status === 404) return 'the provider has no /models endpoint; type the model id instead.';
    return `${error.message || 'no details'}.`;
  }
  return error instanceof Error ? error.message : String(error);
}
