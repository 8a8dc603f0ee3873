import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { ProviderFailure, type ProviderEvent, type ProviderSink } from './types.ts';

/** Whether the error is the SDK (or fetch) reacting to our own abort signal. */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError') || error === signal.reason);
}

/**
 * Turns whatever the SDK threw into a run error a user can act on. The SDK has already retried
 * where it retries (429, 408, 409, 5xx, connection errors), so this is final.
 */
export function toProviderFailure(error: unknown, where: string): ProviderFailure {
  if (error instanceof ProviderFailure) return error;
  if (error instanceof APIConnectionError) {
    return new ProviderFailure('provider_unavailable', `Could not reach the model provider at ${where}: ${error.message}`);
  }
  if (error instanceof APIError) {
    const status = typeof error.status === 'number' ? error.status : null;
    const detail = error.message || 'no details';
    if (status === null) return new ProviderFailure('server_error', `The provider reported an error in the middle of its answer: ${detail}`);
    if (status === 429)
      return new ProviderFailure('rate_limit_exceeded', `The provider kept rejecting requests for rate limits after retrying: ${detail}`, status);
    if (status === 401 || status === 403) return new ProviderFailure('authentication_failed', `The provider rejected the API key: ${detail}`, status);
    if (status >= 500) return new ProviderFailure('server_error', `The provider failed with a server error after retrying: ${detail}`, status);
    return new ProviderFailure('invalid_request', `The provider rejected the request: ${detail}`, status);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ProviderFailure('stream_interrupted', `The connection to the model provider broke while it was answering (${detail}).`);
}

export const cutStream = (): ProviderFailure =>
  new ProviderFailure('stream_interrupted', 'The model provider closed the stream before the answer was finished.');

/** Seconds as people read them: "30 s", "0.3 s". */
const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;

export const stalledStream = (idleTimeoutMs: number): ProviderFailure =>
  new ProviderFailure('stream_interrupted', `The model provider sent nothing for ${seconds(idleTimeoutMs)} while answering; the answer was given up.`);

/** Some servers echo the key (or part of it) in error messages; those become stored run errors. */
export function withoutKey(failure: ProviderFailure, apiKey: string): ProviderFailure {
  if (!apiKey || !failure.message.includes(apiKey)) return failure;
  return new ProviderFailure(failure.code, failure.message.replaceAll(apiKey, '[API key]'), failure.status);
}

/**
 * The run's sink as a provider calls it inside its stream loop: an error thrown by the run's own
 * handling of an event (not by the provider) must reach the run as it is, not as a provider failure.
 */
export function guardedSink(onEvent: ProviderSink): { emit: ProviderSink; rethrowOwn(): void } {
  let own: { error: unknown } | null = null;
  return {
    emit: (event: ProviderEvent) => {
      try {
        onEvent(event);
      } catch (error) {
        own = { error };
        throw error;
      }
    },
    rethrowOwn: () => {
      if (own) throw own.error;
    },
  };
}
