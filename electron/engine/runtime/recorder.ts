import {
  type MESSAGE_INCOMPLETE_REASONS,
  newMessageId,
  newStepId,
  type Annotation,
  type Message,
  type RunError,
  type Usage,
} from '../../../shared/runtime/objects.ts';
import type { RunStep, ToolCall } from '../../../shared/runtime/steps.ts';
import type { Store } from '../store/store.ts';
import { deltaArguments, deltaOutput, deltaStarted } from '../tools/index.ts';
import type { Emit } from './runState.ts';

type IncompleteReason = (typeof MESSAGE_INCOMPLETE_REASONS)[number];
/** How a run that stops early leaves its open steps. */
export type StopKind = 'cancelled' | 'expired' | 'failed';

interface RunRef {
  id: string;
  thread_id: string;
  assistant_id: string;
}

/**
 * The run steps and the assistant message of one run as they are written: it opens them, streams
 * their deltas and closes them, persisting each state change (never each delta) and emitting events.
 */
export class RunRecorder {
  readonly #run: RunRef;
  readonly #store: Store;
  readonly #emit: Emit;
  readonly #now: () => number;
  readonly #annotate: (text: string) => Annotation[];
  readonly #images: () => string[];
  #message: { message: Message; step: RunStep; text: string } | null = null;
  #toolStep: RunStep | null = null;
  /** Provider tool-call index → position in the open tool step. */
  readonly #positions = new Map<number, number>();

  /**
   * `annotate` finds the citations and file links in a finished message's text (none by default);
   * `images` hands over the images the run's code drew since the last message (shown after its text,
   * as `image_file` parts, the way Assistants did).
   */
  constructor(run: RunRef, deps: { store: Store; emit: Emit; now: () => number; annotate?: (text: string) => Annotation[]; images?: () => string[] }) {
    this.#run = run;
    this.#store = deps.store;
    this.#emit = deps.emit;
    this.#now = deps.now;
    this.#annotate = deps.annotate ?? (() => []);
    this.#images = deps.images ?? (() => []);
  }

  #newStep(details: RunStep['step_details']): RunStep {
    const step: RunStep = {
      id: newStepId(),
      object: 'thread.run.step',
      created_at: this.#now(),
      assistant_id: this.#run.assistant_id,
      thread_id: this.#run.thread_id,
      run_id: this.#run.id,
      type: details.type,
      status: 'in_progress',
      step_details: details,
      last_error: null,
      expired_at: null,
      cancelled_at: null,
      failed_at: null,
      completed_at: null,
      metadata: {},
      usage: null,
    };
    this.#store.steps.put(step);
    this.#emit({ event: 'thread.run.step.created', data: step });
    this.#emit({ event: 'thread.run.step.in_progress', data: step });
    return step;
  }

  #closeStep(step: RunStep, status: RunStep['status'], patch: Partial<RunStep>): RunStep {
    const now = this.#now();
    const closed: RunStep = {
      ...step,
      ...patch,
      status,
      completed_at: status === 'completed' ? now : step.completed_at,
      failed_at: status === 'failed' ? now : step.failed_at,
      cancelled_at: status === 'cancelled' ? now : step.cancelled_at,
      expired_at: status === 'expired' ? now : step.expired_at,
    };
    this.#store.steps.put(closed);
    this.#emit({ event: `thread.run.step.${status === 'in_progress' ? 'completed' : status}`, data: closed });
    return closed;
  }

  get messageText(): string {
    return this.#message?.text ?? '';
  }

  appendText(delta: string): void {
    if (!this.#message) {
      const id = newMessageId();
      const step = this.#newStep({ type: 'message_creation', message_creation: { message_id: id } });
      const message: Message = {
        id,
        object: 'thread.message',
        created_at: this.#now(),
        thread_id: this.#run.thread_id,
        status: 'in_progress',
        incomplete_details: null,
        completed_at: null,
        incomplete_at: null,
        role: 'assistant',
        content: [],
        assistant_id: this.#run.assistant_id,
        run_id: this.#run.id,
        attachments: [],
        metadata: {},
      };
      this.#store.messages.put(message);
      this.#emit({ event: 'thread.message.created', data: message });
      this.#emit({ event: 'thread.message.in_progress', data: message });
      this.#message = { message, step, text: '' };
    }
    this.#message.text += delta;
    this.#emit({
      event: 'thread.message.delta',
      data: { id: this.#message.message.id, object: 'thread.message.delta', delta: { content: [{ index: 0, type: 'text', text: { value: delta } }] } },
    });
  }

  /** Closes the open message (complete, or cut short with a reason) and its step. */
  finishMessage(
    outcome: { status: 'completed' } | { status: 'incomplete'; reason: IncompleteReason },
    step: { status: RunStep['status']; usage: Usage | null; error?: RunError },
  ): void {
    const open = this.#message;
    if (!open) return;
    this.#message = null;
    const now = this.#now();
    const message: Message = {
      ...open.message,
      content: [
        ...(open.text === '' ? [] : [{ type: 'text' as const, text: { value: open.text, annotations: this.#annotate(open.text) } }]),
        ...this.#images().map((fileId) => ({ type: 'image_file' as const, image_file: { file_id: fileId } })),
      ],
      status: outcome.status,
      completed_at: outcome.status === 'completed' ? now : null,
      incomplete_at: outcome.status === 'incomplete' ? now : null,
      incomplete_details: outcome.status === 'incomplete' ? { reason: outcome.reason } : null,
    };
    this.#store.messages.put(message);
    this.#emit({ event: outcome.status === 'completed' ? 'thread.message.completed' : 'thread.message.incomplete', data: message });
    this.#closeStep(open.step, step.status, { usage: step.usage, last_error: step.error ?? null });
  }

  /**
   * Takes back what a model turn whose stream broke had written, before the turn is asked for again:
   * the open message's text and the open tool step's calls (none of which ran). The message and the
   * step stay, with their ids; their `in_progress` events carry them as they are again, so a client
   * that built them from deltas starts them over.
   */
  rewindTurn(): void {
    if (this.#message) {
      this.#message.text = '';
      this.#emit({ event: 'thread.message.in_progress', data: this.#message.message });
    }
    if (this.#toolStep) {
      this.#positions.clear();
      this.#setCalls([]);
      this.#emit({ event: 'thread.run.step.in_progress', data: this.#toolStep });
    }
  }

  /** Adds a tool call to the round's tool step (opening it on the first call); returns its position. */
  addToolCall(providerIndex: number, call: ToolCall): number {
    if (!this.#toolStep) this.#toolStep = this.#newStep({ type: 'tool_calls', tool_calls: [] });
    const calls = this.#toolCalls();
    const position = calls.length;
    this.#positions.set(providerIndex, position);
    this.#setCalls([...calls, call]);
    this.#emit({
      event: 'thread.run.step.delta',
      data: {
        id: this.#toolStep.id,
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: position, ...deltaStarted(call), node_id: call.node_id }] } },
      },
    });
    return position;
  }

  appendArguments(providerIndex: number, delta: string): void {
    const position = this.#positions.get(providerIndex);
    const call = position === undefined ? undefined : this.#toolCalls()[position];
    const entry = this.#toolStep && position !== undefined && call ? deltaArguments(call, delta) : null;
    if (!entry || !this.#toolStep || position === undefined) return;
    this.#emit({
      event: 'thread.run.step.delta',
      data: {
        id: this.#toolStep.id,
        object: 'thread.run.step.delta',
        delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: position, ...entry }] } },
      },
    });
  }

  /** Replaces a call with its newer state (final arguments, output, logs); emits the output if it has one. */
  updateToolCall(position: number, call: ToolCall): void {
    if (!this.#toolStep) return;
    this.#setCalls(this.#toolCalls().map((c, i) => (i === position ? call : c)));
    const entry = deltaOutput(call);
    if (entry) {
      this.#emit({
        event: 'thread.run.step.delta',
        data: {
          id: this.#toolStep.id,
          object: 'thread.run.step.delta',
          delta: { step_details: { type: 'tool_calls', tool_calls: [{ index: position, ...entry }] } },
        },
      });
    }
  }

  /** Persists the open tool step as it is now (before the run waits for submitted outputs). */
  saveToolStep(): void {
    if (this.#toolStep) this.#store.steps.put(this.#toolStep);
  }

  get toolStepId(): string | null {
    return this.#toolStep?.id ?? null;
  }

  toolCalls(): ToolCall[] {
    return this.#toolCalls();
  }

  finishToolStep(status: RunStep['status'], usage: Usage | null, error?: RunError): void {
    const step = this.#toolStep;
    if (!step) return;
    this.#toolStep = null;
    this.#positions.clear();
    this.#closeStep(step, status, { usage, last_error: error ?? null });
  }

  /** Closes whatever is still open when the run stops early. */
  closeOpen(kind: StopKind, error?: RunError): void {
    const reason: IncompleteReason = kind === 'cancelled' ? 'run_cancelled' : kind === 'expired' ? 'run_expired' : 'run_failed';
    this.finishMessage({ status: 'incomplete', reason }, { status: kind, usage: null, ...(error ? { error } : {}) });
    this.finishToolStep(kind, null, error);
  }

  #toolCalls(): ToolCall[] {
    const details = this.#toolStep?.step_details;
    return details?.type === 'tool_calls' ? details.tool_calls : [];
  }

  #setCalls(calls: ToolCall[]): void {
    if (this.#toolStep) this.#toolStep = { ...this.#toolStep, step_details: { type: 'tool_calls', tool_calls: calls } };
  }
}
