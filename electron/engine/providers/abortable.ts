import type { Stream } from 'openai/core/streaming';

/** An SDK stream the run's signal stops; `release` detaches the signal once the stream is done with. */
export interface AbortableStream<T> {
  stream: Stream<T>;
  release(): void;
}

/**
 * Opens an SDK stream that the run's signal can stop, without handing the signal to the SDK.
 *
 * Given a caller's signal, the SDK composes it with its own for every request (AbortSignal.any and
 * weak references kept until collection), which costs more per request than everything else the
 * provider does against a fast server (measured with `npm run bench:engine`). Stopping behaves the
 * same for the run: it stops at once, wherever it is. Once the response has started, the stream's
 * own controller aborts the request; a request still waiting for its response (or in the SDK's
 * retries) is aborted as soon as that response starts, and bounded by the client's timeout until then.
 */
export async function openAbortable<T>(open: () => Promise<Stream<T>>, signal: AbortSignal): Promise<AbortableStream<T>> {
  if (signal.aborted) throw signal.reason;
  const pending = open();
  let stopped: (() => void) | null = null;
  const aborted = new Promise<never>((_, reject) => {
    stopped = () => reject(signal.reason);
    signal.addEventListener('abort', stopped, { once: true });
  });
  let stream: Stream<T>;
  try {
    stream = await Promise.race([pending, aborted]);
  } catch (error) {
    if (signal.aborted) pending.then((late) => late.controller.abort(), () => undefined);
    throw error;
  } finally {
    if (stopped) signal.removeEventListener('abort', stopped);
  }
  const stop = (): void => stream.controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  return { stream, release: () => signal.removeEventListener('abort', stop) };
}
