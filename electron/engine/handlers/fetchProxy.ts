import type { FetchReply, FetchRequest } from './protocol.ts';

const NO_NETWORK_MESSAGE = 'This Function has no network access: switch on "Network (ctx.fetch)" in its inspector to let its handler reach the network.';

const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // undici says "fetch failed" and keeps the reason (refused, unknown host, …) in the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};

/**
 * The app's side of a handler's `ctx.fetch`: requests over http(s) only, and only when the Function
 * allows the network. One per call; `close` aborts whatever is still in flight when the call ends.
 */
export function fetchProxy(allowed: boolean, send: (reply: FetchReply) => void) {
  const inFlight = new Map<number, { controller: AbortController; reader: ReadableStreamDefaultReader<Uint8Array> | null }>();
  const fail = (id: number, message: string) => {
    inFlight.delete(id);
    send({ type: 'fetch-error', id, message });
  };

  const start = async (request: Extract<FetchRequest, { type: 'fetch' }>) => {
    const { id } = request;
    if (!allowed) return fail(id, NO_NETWORK_MESSAGE);
    const protocol = URL.canParse(request.url) ? new URL(request.url).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:') return fail(id, `ctx.fetch reaches http and https URLs only, not "${request.url}".`);
    const controller = new AbortController();
    inFlight.set(id, { controller, reader: null });
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: request.redirect,
        signal: controller.signal,
      });
      const entry = inFlight.get(id);
      if (!entry) return void response.body?.cancel();
      entry.reader = response.body?.getReader() ?? null;
      if (!entry.reader) inFlight.delete(id);
      const headers = [...response.headers] as [string, string][];
      send({
        type: 'fetch-head',
        id,
        status: response.status,
        statusText: response.statusText,
        headers,
        url: response.url,
        redirected: response.redirected,
        body: entry.reader !== null,
      });
    } catch (error) {
      if (inFlight.has(id)) fail(id, errorText(error));
    }
  };

  const pull = async (id: number) => {
    const reader = inFlight.get(id)?.reader;
    if (!reader) return;
    try {
      const { done, value } = await reader.read();
      if (!inFlight.has(id)) return;
      if (done) {
        inFlight.delete(id);
        send({ type: 'fetch-end', id });
      } else {
        send({ type: 'fetch-chunk', id, chunk: value });
      }
    } catch (error) {
      if (inFlight.has(id)) fail(id, errorText(error));
    }
  };

  const abort = (id: number) => {
    inFlight.get(id)?.controller.abort();
    inFlight.delete(id);
  };

  return {
    handle(request: FetchRequest): void {
      if (request.type === 'fetch') void start(request);
      else if (request.type === 'fetch-pull') void pull(request.id);
      else abort(request.id);
    },
    close(): void {
      for (const id of [...inFlight.keys()]) abort(id);
    },
  };
}
