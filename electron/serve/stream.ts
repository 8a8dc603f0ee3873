import type { ServerResponse } from 'node:http';
import { isRunStatusEvent, type RunEvent } from '../../shared/runtime/events.ts';
import type { Runtime } from '../engine/index.ts';
import { eventOut, isMessageEvent, isStepEvent } from './shapes.ts';

/** Comment lines keep an idle stream alive past the clients' inactivity timeouts (undici's is about 5 minutes). */
const PING_MS = 20_000;

/** Where a stream ends: the run is over, or it waits for the client's tool outputs. */
const ENDS_STREAM: ReadonlySet<string> = new Set([
  'thread.run.requires_action',
  'thread.run.completed',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
  'thread.run.incomplete',
]);

/** Server-sent events framed as the Assistants API frames them, ending with `event: done` / `data: [DONE]`. */
export class EventStream {
  readonly #res: ServerResponse;
  readonly #ping: NodeJS.Timeout;
  #ended = false;

  constructor(res: ServerResponse) {
    this.#res = res;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    this.#ping = setInterval(() => this.#write(': ping\n\n'), PING_MS);
    this.#ping.unref();
    res.once('close', () => this.#stop());
    // A client that left while the run was being set up gets nothing more.
    if (res.closed) this.#stop();
  }

  /** Calls back once the client has gone away or the stream ended (at once if that already happened). */
  onClose(listener: () => void): void {
    if (this.#res.closed) listener();
    else this.#res.once('close', listener);
  }

  /** Whether the stream is over (ended here, or the client went away). */
  get ended(): boolean {
    return this.#ended;
  }

  send(event: string, data: unknown): void {
    this.#write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** An `error` event carrying the API's `Error` object, for a failure after the stream began. */
  error(message: string): void {
    this.send('error', { code: 'server_error', message, param: null, type: 'server_error' });
  }

  end(): void {
    if (this.#ended) return;
    this.#write('event: done\ndata: [DONE]\n\n');
    this.#stop();
    this.#res.end();
  }

  #write(text: string): void {
    if (!this.#ended && !this.#res.destroyed) this.#res.write(text);
  }

  #stop(): void {
    this.#ended = true;
    clearInterval(this.#ping);
  }
}

/**
 * The order the SDKs' stream helpers insist on: one run step open at a time, and deltas only for steps
 * this stream announced. Our runtime opens a turn's tool step while the message the model wrote before
 * its calls is still open (it closes both when the turn ends), so a step that opens while another is
 * open waits, with its events and its message's, until the open one is closed. Step deltas of a step
 * created before this stream began (the tool step a submit resumes) are dropped, as the API sends none.
 */
class OneStepAtATime {
  readonly #created = new Set<string>();
  readonly #waitingSteps = new Set<string>();
  readonly #waitingMessages = new Set<string>();
  #waiting: RunEvent[] = [];
  #open: string | null = null;

  /** The events to send now, in order, for one more event of the run. */
  push(event: RunEvent): RunEvent[] {
    if (isRunStatusEvent(event)) {
      if (!ENDS_STREAM.has(event.event)) return [event];
      // A run that ends or pauses has closed its steps; whatever waits goes first.
      const waiting = this.#waiting;
      this.#waiting = [];
      return [...waiting, event];
    }
    if (event.event === 'thread.message.delta' || isMessageEvent(event)) return this.#hold(event, this.#waitingMessages.has(event.data.id));
    if (event.event !== 'thread.run.step.delta' && !isStepEvent(event)) return [];
    const stepId = event.data.id;
    if (this.#waitingSteps.has(stepId)) return this.#hold(event, true);
    if (event.event === 'thread.run.step.delta') return this.#created.has(stepId) ? [event] : [];
    if (event.event === 'thread.run.step.created') {
      if (this.#open !== null && this.#open !== stepId) {
        this.#waitingSteps.add(stepId);
        const details = event.data.step_details;
        if (details.type === 'message_creation') this.#waitingMessages.add(details.message_creation.message_id);
        return this.#hold(event, true);
      }
      this.#open = stepId;
      this.#created.add(stepId);
      return [event];
    }
    if (event.event === 'thread.run.step.in_progress' || this.#open !== stepId) return [event];
    this.#open = null;
    return [event, ...this.#release()];
  }

  #hold(event: RunEvent, wait: boolean): RunEvent[] {
    if (!wait) return [event];
    this.#waiting.push(event);
    return [];
  }

  #release(): RunEvent[] {
    const waiting = this.#waiting;
    this.#waiting = [];
    this.#waitingSteps.clear();
    this.#waitingMessages.clear();
    return waiting.flatMap((event) => this.push(event));
  }
}

/** Picks a run's events out of the runtime's: by its id, or (before it has one) the run created in a thread. */
export type RunSelector = { runId: string } | { threadId: string };

/**
 * Listens to a run from before it is created or resumed, so no event is missed; the events wait until
 * the stream is opened with `pipe`, which sends them and the rest as the API does and ends the stream
 * after the run ends or waits for tool outputs. `cancel` stops listening when the run did not start.
 */
export function tapRun(runtime: Runtime, selector: RunSelector, withContent: boolean, onError: (message: string, cause: unknown) => void) {
  let runId = 'runId' in selector ? selector.runId : null;
  let held: RunEvent[] = [];
  let deliver: ((event: RunEvent) => void) | null = null;
  const unsubscribe = runtime.onEvent((event) => {
    if (runId === null && 'threadId' in selector && event.event === 'thread.run.created' && event.data.thread_id === selector.threadId) runId = event.runId;
    if (event.runId !== runId) return;
    if (deliver) deliver(event);
    else held.push(event);
  });

  return {
    cancel: unsubscribe,
    /** Streams the run (its id as the runtime returned it) to the client; resolves when the stream is over. */
    pipe(id: string, stream: EventStream): Promise<void> {
      const order = new OneStepAtATime();
      const early = held.filter((event) => event.runId === id);
      held = [];
      runId = id;
      return new Promise<void>((resolve) => {
        const finish = (): void => {
          unsubscribe();
          stream.end();
          resolve();
        };
        // The run goes on when its client leaves (as with the API); only the listening stops.
        stream.onClose(finish);
        deliver = (event) => {
          try {
            for (const next of order.push(event)) {
              const out = eventOut(next, withContent);
              if (out) stream.send(out.event, out.data);
            }
          } catch (error) {
            // A stream that stopped making sense ends with an error event rather than hanging.
            onError(`streaming run ${id} failed`, error);
            stream.error('The server had an error while streaming this run.');
            return finish();
          }
          if (ENDS_STREAM.has(event.event)) finish();
        };
        early.forEach(deliver);
      });
    },
  };
}
