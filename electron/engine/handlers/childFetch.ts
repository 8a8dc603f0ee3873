import type { ChildMessage, FetchReply } from './protocol.ts';

interface Pending {
  settle(response: Response): void;
  fail(error: Error): void;
  /** Set once the head arrived: the body's stream, and the pull waiting for its next chunk. */
  body: ReadableStreamDefaultController<Uint8Array> | null;
  pulled: (() => void) | null;
  signal: AbortSignal;
  onAbort(): void;
}

/**
 * `fetch` for the handler process, which has no network of its own: each request goes to the app over
 * the IPC channel, and the app (allowed or not by the Function) makes it. The response streams back one
 * chunk per read of its body.
 */
export function proxiedFetch(send: (message: ChildMessage) => void, callSignal: AbortSignal) {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  const forget = (id: number) => {
    const call = pending.get(id);
    if (!call) return null;
    pending.delete(id);
    call.signal.removeEventListener('abort', call.onAbort);
    return call;
  };

  const fetchThroughApp = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const signal = AbortSignal.any([request.signal, callSignal]);
    signal.throwIfAborted();
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const id = nextId++;
    return new Promise<Response>((resolve, reject) => {
      const call: Pending = {
        settle: resolve,
        fail: reject,
        body: null,
        pulled: null,
        signal,
        onAbort: () => {
          send({ type: 'fetch-abort', id });
          const reason = signal.reason instanceof Error ? signal.reason : new Error('The request was aborted.');
          forget(id);
          if (call.body) call.body.error(reason);
          else reject(reason);
        },
      };
      pending.set(id, call);
      signal.addEventListener('abort', call.onAbort, { once: true });
      const headers = [...request.headers] as [string, string][];
      send({ type: 'fetch', id, url: request.url, method: request.method, headers, body, redirect: request.redirect });
    });
  };

  const head = (call: Pending, reply: Extract<FetchReply, { type: 'fetch-head' }>) => {
    const { id } = reply;
    const body = !reply.body
      ? null
      : new ReadableStream<Uint8Array>({
          start: (controller) => {
            call.body = controller;
          },
          pull: () =>
            new Promise<void>((resolve) => {
              call.pulled = resolve;
              send({ type: 'fetch-pull', id });
            }),
          cancel: () => {
            if (forget(id)) send({ type: 'fetch-abort', id });
          },
        });
    if (!body) forget(id);
    const response = new Response(body, { status: reply.status, statusText: reply.statusText, headers: reply.headers });
    // A constructed Response has no URL of its own; the handler sees where the request ended up.
    Object.defineProperties(response, { url: { value: reply.url }, redirected: { value: reply.redirected } });
    call.settle(response);
  };

  const receive = (reply: FetchReply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    if (reply.type === 'fetch-head') head(call, reply);
    else if (reply.type === 'fetch-chunk') {
      call.body?.enqueue(reply.chunk);
      call.pulled?.();
      call.pulled = null;
    } else if (reply.type === 'fetch-end') {
      forget(reply.id);
      call.body?.close();
      call.pulled?.();
    } else {
      forget(reply.id);
      const error = new TypeError(reply.message);
      if (call.body) call.body.error(error);
      else call.fail(error);
    }
  };

  return { fetch: fetchThroughApp, receive };
}
