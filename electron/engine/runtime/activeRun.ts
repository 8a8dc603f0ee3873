import { AppFailure } from '../../../shared/errors.ts';
import type { ToolOutputSubmission } from './types.ts';
import type { RunState } from './runState.ts';

/**
 * A run whose loop is still going: how to stop it, and the hand-off of tool outputs while it waits
 * in `requires_action`.
 */
export class ActiveRun {
  readonly state: RunState;
  readonly #controller = new AbortController();
  /** Aborts when the run is stopped; its reason says why. */
  readonly signal: AbortSignal = this.#controller.signal;
  #stop: 'cancelled' | 'expired' | null = null;
  #awaiting: { callIds: string[]; resolve: (outputs: ToolOutputSubmission[]) => void } | null = null;
  /** Settles when the loop has ended and the run is terminal. */
  done: Promise<void> = Promise.resolve();

  constructor(state: RunState) {
    this.state = state;
  }

  get stopKind(): 'cancelled' | 'expired' | null {
    return this.#stop;
  }

  /** Stops the loop wherever it is (the first reason wins); the loop then records the outcome. */
  stop(kind: 'cancelled' | 'expired'): void {
    if (this.#stop) return;
    this.#stop = kind;
    this.#controller.abort(new Error(kind === 'cancelled' ? 'The run was cancelled.' : 'The run reached its time limit.'));
  }

  /** The loop's side: resolves with the submitted outputs, rejects when the run is stopped. */
  waitForOutputs(callIds: string[]): Promise<ToolOutputSubmission[]> {
    return new Promise((resolve, reject) => {
      const signal = this.#controller.signal;
      if (signal.aborted) return reject(signal.reason);
      this.#awaiting = { callIds, resolve };
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  /** The user's side: every waiting call needs exactly one output. */
  submit(outputs: ToolOutputSubmission[]): void {
    const waiting = this.#awaiting;
    if (!waiting || this.state.status !== 'requires_action') {
      throw new AppFailure('E_INVALID_REQUEST', `The run is not waiting for tool outputs (it is ${this.state.status}).`);
    }
    const missing = waiting.callIds.filter((id) => !outputs.some((o) => o.tool_call_id === id));
    const unknown = outputs.filter((o) => !waiting.callIds.includes(o.tool_call_id)).map((o) => o.tool_call_id);
    if (missing.length > 0 || unknown.length > 0) {
      const parts = [missing.length ? `missing outputs for ${missing.join(', ')}` : '', unknown.length ? `no call waits for ${unknown.join(', ')}` : ''];
      throw new AppFailure('E_INVALID_REQUEST', `The tool outputs do not match the calls: ${parts.filter(Boolean).join('; ')}.`);
    }
    this.#awaiting = null;
    waiting.resolve(outputs);
  }
}
