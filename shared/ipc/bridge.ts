import type { Result } from '../errors.ts';
import type { AppEvent } from './events.ts';

/** The only surface the window sees (`window.studio` in Electron; an HTTP/WebSocket client on the web). */
export interface StudioBridge {
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}
