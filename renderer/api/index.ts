import type { AppError } from '../../shared/errors.ts';
import type { StudioBridge } from '../../shared/ipc/bridge.ts';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc/contract.ts';
import { appEventSchema, describeInvalidEvent, type AppEvent } from '../../shared/ipc/events.ts';
import { createWebBridge } from './webTransport.ts';

declare global {
  interface Window {
    /** Present when the window runs inside Electron (set by the preload). */
    studio?: StudioBridge;
  }
}

/** A failed app call, carrying the error as the host reported it. */
class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
  }
}

let bridge: StudioBridge | null = null;
const currentBridge = (): StudioBridge => (bridge ??= window.studio ?? createWebBridge());

/** Calls the app; resolves with the channel's response or throws an `ApiError`. */
export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await currentBridge().invoke(channel, request);
  if (!result.ok) throw new ApiError(result.error);
  // The host validated the response against the same contract before sending it.
  return result.value as ResponseOf<C>;
}

/**
 * Subscribes to app events (menu commands, run events and the like); returns the unsubscribe function.
 * This is where both bridges' payloads are checked; one outside the contract is logged and dropped.
 */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return currentBridge().onEvent((payload) => {
    const parsed = appEventSchema.safeParse(payload);
    if (parsed.success) listener(parsed.data);
    else console.error(`Assistant Studio dropped an app event outside the contract: ${describeInvalidEvent(payload, parsed.error.issues)}`);
  });
}

/** The error to show for anything an app call threw. */
export function toAppError(error: unknown): AppError {
  if (error instanceof ApiError) return error.error;
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
