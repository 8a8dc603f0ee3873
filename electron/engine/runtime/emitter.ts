import type { RunEvent, RunEventBody } from '../../../shared/runtime/events.ts';

export type RunEventListener = (event: RunEvent) => void;

/** Fan-out of run events to subscribers; a failing listener never disturbs a run or other listeners. */
export class EventHub {
  readonly #listeners = new Set<RunEventListener>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  subscribe(listener: RunEventListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** An emitter for one run: stamps each event with the run id and the next sequence number (from 1). */
  forRun(runId: string): (body: RunEventBody) => RunEvent {
    let seq = 0;
    return (body) => {
      seq += 1;
      const event = { ...body, runId, seq } as RunEvent;
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch (error) {
          this.#onListenerError(error);
        }
      }
      return event;
    };
  }
}
