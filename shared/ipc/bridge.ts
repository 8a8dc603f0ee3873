import type { Result } from '../errors.ts';

/** The only surface the window sees (`window.studio` in Electron; an HTTP/WebSocket client on the web). */
export interface StudioBridge {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  /** Delivers event payloads as they arrive; the window's api checks each against `appEventSchema`. */
  onEvent(listener: (payload: unknown) => void): () => void;
}
