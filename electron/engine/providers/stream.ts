import type { Stream } from 'openai/core/streaming';
import { guardedSink, isAbort, stalledStream, toProviderFailure, withoutKey } from './errors.ts';
import type { ProviderSink } from './types.ts';

/** An SDK stream the run's signal stops; `release` detaches the signal once the stream is done with. */
interface AbortableStream<T> {
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
async function openAbortable<T>(open: () => Promise<Stream<T>>, signal: AbortSignal): Promise<AbortableStream<T>> {
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
    if (signal.aborted)
      pending.then(
        (late) => late.controller.abort(),
        () => undefined,
      );
    throw error;
  } finally {
    if (stopped) signal.removeEventListener('abort', stopped);
  }
  const stop = (): void => stream.controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  return { stream, release: () => signal.removeEventListener('abort', stop) };
}

/** How one provider request is made and where its failures are reported. */
export interface StreamRequest<T> {
  open: () => Promise<Stream<T>>;
  signal: AbortSignal;
  onEvent: ProviderSink;
  /** The provider's address and key, for the failure message (the key is taken out of it). */
  where: string;
  apiKey: string;
  /** Longest silence between two events of the open stream before the attempt is given up. */
  idleTimeoutMs: number;
}

/** Gives up a stream that has sent nothing for `ms`: each event starts the wait again (`refresh` costs about as much as reading the clock). */
function idleWatch(stop: () => void, ms: number) {
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    stop();
  }, ms);
  return {
    touch: (): void => void timer.refresh(),
    get fired(): boolean {
      return fired;
    },
    clear: (): void => clearTimeout(timer),
  };
}

/**
 * Streams one SDK request into the run: each SDK event goes to `each` with the run's sink. Whatever
 * goes wrong comes out as the run expects it: an error of the run's own event handling unchanged, the
 * signal's reason when stopped, anything else as a ProviderFailure without the key.
 */
export async function streamRequest<T>(request: StreamRequest<T>, each: (event: T, emit: ProviderSink) => void): Promise<void> {
  const { signal, where, apiKey } = request;
  const sink = guardedSink(request.onEvent);
  const emit = sink.emit;
  let release = (): void => undefined;
  let idle: ReturnType<typeof idleWatch> | null = null;
  try {
    const opened = await openAbortable(request.open, signal);
    release = opened.release;
    idle = idleWatch(() => opened.stream.controller.abort(), request.idleTimeoutMs);
    for await (const event of opened.stream) {
      idle.touch();
      each(event, emit);
    }
    // The SDK ends a stream it was told to abort quietly, as if the server had closed it.
    if (idle.fired) throw stalledStream(request.idleTimeoutMs);
  } catch (error) {
    sink.rethrowOwn();
    if (isAbort(error, signal)) throw signal.reason;
    if (idle?.fired) throw stalledStream(request.idleTimeoutMs);
    throw withoutKey(toProviderFailure(error, where), apiKey);
  } finally {
    idle?.clear();
    release();
  }
}
