import type { Result } from '../../shared/errors.ts';
import type { StudioBridge } from '../../shared/ipc/bridge.ts';
import { EVENTS_PATH, INVOKE_PATH } from '../../shared/ipc/events.ts';

const MAX_BACKOFF_MS = 10_000;

function failure(message: string): Result<unknown> {
  return { ok: false, error: { code: 'E_IO', message } };
}

async function invoke(channel: string, request: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(INVOKE_PATH, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel, request }),
    });
  } catch {
    return failure('The Assistant Studio host cannot be reached. Is it still running?');
  }
  try {
    // The host answers every request, errors included, with a Result body.
    return (await response.json()) as Result<unknown>;
  } catch {
    return failure(`The host sent an unreadable answer (HTTP ${response.status}).`);
  }
}

/** One WebSocket per window, opened on the first listener and reopened with backoff when it drops. */
function createEventSocket() {
  const listeners = new Set<(payload: unknown) => void>();
  let socket: WebSocket | null = null;
  let backoff = 500;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const connect = () => {
    const url = new URL(EVENTS_PATH, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 500;
    };
    ws.onmessage = (message) => {
      // The host sends every event as one JSON text frame; anything else is not an event (never logged whole).
      if (typeof message.data !== 'string') {
        console.error('Assistant Studio dropped an app event frame that is not text.');
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(message.data);
      } catch {
        console.error(`Assistant Studio dropped an app event frame that is not JSON (${message.data.length} characters).`);
        return;
      }
      // Checked against the contract by the api's onAppEvent, as the Electron bridge's payloads are.
      for (const listener of listeners) listener(payload);
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size === 0) return;
      timer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };

  return (listener: (payload: unknown) => void) => {
    listeners.add(listener);
    if (!socket && !timer) connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size > 0) return;
      if (timer) clearTimeout(timer);
      timer = null;
      const closing = socket;
      socket = null;
      if (!closing) return;
      closing.onclose = null;
      closing.onmessage = null;
      // Closing a socket that is still connecting makes the browser log a failure; close it once open.
      if (closing.readyState === WebSocket.CONNECTING) closing.onopen = () => closing.close();
      else closing.close();
    };
  };
}

/** The bridge used when the window is served by the loopback web host instead of Electron. */
export function createWebBridge(): StudioBridge {
  return { invoke, onEvent: createEventSocket() };
}
