import type { RunEventBody } from '../../../shared/runtime/events.ts';
import type { Run, RunStatus } from '../../../shared/runtime/objects.ts';
import type { Store } from '../store/store.ts';

export type Emit = (body: RunEventBody) => unknown;

/** The run life cycle of Assistants v2; anything else is a bug in the loop, so it throws. */
const TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['in_progress', 'cancelling', 'failed', 'expired'],
  in_progress: ['requires_action', 'completed', 'failed', 'cancelling', 'incomplete', 'expired'],
  requires_action: ['in_progress', 'cancelling', 'failed', 'expired'],
  cancelling: ['cancelled'],
  cancelled: [],
  failed: [],
  completed: [],
  incomplete: [],
  expired: [],
};

/** A run's status machine: every transition stamps its time, is persisted and emitted, in that order. */
export class RunState {
  #run: Run;
  readonly #store: Store;
  readonly #emit: Emit;
  readonly #now: () => number;

  constructor(run: Run, deps: { store: Store; emit: Emit; now: () => number }) {
    this.#run = run;
    this.#store = deps.store;
    this.#emit = deps.emit;
    this.#now = deps.now;
  }

  get run(): Run {
    return this.#run;
  }

  get status(): RunStatus {
    return this.#run.status;
  }

  canMoveTo(status: RunStatus): boolean {
    return TRANSITIONS[this.#run.status].includes(status);
  }

  /** Writes the new run object and emits it (`thread.run.created` first, then one event per status). */
  created(): void {
    this.#store.runs.put(this.#run);
    this.#emit({ event: 'thread.run.created', data: this.#run });
    this.#emit({ event: 'thread.run.queued', data: this.#run });
  }

  transition(status: RunStatus, patch: Partial<Run> = {}): Run {
    if (!this.canMoveTo(status)) throw new Error(`A run cannot go from ${this.#run.status} to ${status}.`);
    const now = this.#now();
    const run: Run = {
      ...this.#run,
      ...patch,
      status,
      required_action: status === 'requires_action' ? (patch.required_action ?? null) : null,
    };
    if (status === 'in_progress' && run.started_at === null) run.started_at = now;
    if (status === 'completed') run.completed_at = now;
    if (status === 'failed') run.failed_at = now;
    if (status === 'cancelled') run.cancelled_at = now;
    this.#run = run;
    this.#store.runs.put(run);
    this.#emit({ event: `thread.run.${status}`, data: run });
    return run;
  }

  /** Changes fields without a status change (e.g. usage so far); persisted, not emitted. */
  update(patch: Partial<Run>): Run {
    this.#run = { ...this.#run, ...patch };
    this.#store.runs.put(this.#run);
    return this.#run;
  }
}
