import type { Assistant } from 'openai/resources/beta/assistants';
import type { Message } from 'openai/resources/beta/threads/messages';
import type { Run } from 'openai/resources/beta/threads/runs/runs';
import type { RunStep } from 'openai/resources/beta/threads/runs/steps';
import type { Thread } from 'openai/resources/beta/threads/threads';
import { notFound } from './http.ts';
import { pageOf } from './paging.ts';
import type { ToolOutput } from './types.ts';

export interface StepUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

interface Stored {
  id: string;
  created_at: number;
}

/** One kind of Assistants API object, kept in insertion order for cursor paging. */
class Table<T extends Stored> {
  readonly #rows = new Map<string, { value: T; seq: number }>();
  readonly #missing: (id: string) => string;
  #seq = 0;

  constructor(missing: (id: string) => string) {
    this.#missing = missing;
  }

  add(value: T): T {
    this.#rows.set(value.id, { value, seq: this.#seq++ });
    return value;
  }

  /** The object with this id that also passes `belongs` (e.g. is in the thread named by the path); else a 404. */
  get(id: string, belongs: (value: T) => boolean = () => true): T {
    const row = this.#rows.get(id);
    if (!row || !belongs(row.value)) throw notFound(this.#missing(id));
    return row.value;
  }

  delete(id: string): void {
    this.#rows.delete(id);
  }

  values(): T[] {
    return [...this.#rows.values()].map((row) => row.value);
  }

  /** The API's cursor paging (`order` default desc, `limit` default 20, `after`, `before`) over the rows passing `filter`. */
  page(query: URLSearchParams, filter: (value: T) => boolean): { page: T[]; hasMore: boolean } {
    const listed = [...this.#rows.values()]
      .filter((row) => filter(row.value))
      .map((row) => ({ id: row.value.id, createdAt: row.value.created_at, seq: row.seq, value: row.value }));
    const { page, hasMore } = pageOf(listed, query, { defaultLimit: 20, maxLimit: 100, missing: this.#missing });
    return { page: page.map((row) => row.value), hasMore };
  }

  clear(): void {
    this.#rows.clear();
  }
}

/** What a run needs beyond its public object: tool outputs so far, usage so far, and what is still open. */
export interface RunProgress {
  run: Run;
  /** Every tool output submitted to this run, oldest first (what the model sees on its next turn). */
  outputs: ToolOutput[];
  usage: { prompt_tokens: number; completion_tokens: number };
  /** The step and message being produced; a cancel or failure ends them. */
  activeStep: RunStep | undefined;
  activeMessage: Message | undefined;
  /** The usage of the turn whose tool calls a `requires_action` run waits for; its step carries it once they complete. */
  pendingUsage: StepUsage | undefined;
  /** Events announcing a cancel the run's player has not streamed yet. */
  ending: { event: string; data: unknown }[] | undefined;
}

/** Assistants, threads, messages, runs and run steps, kept in memory until reset. */
export class AssistantsState {
  readonly assistants = new Table<Assistant>((id) => `No assistant found with id '${id}'.`);
  readonly threads = new Table<Thread>((id) => `No thread found with id '${id}'.`);
  readonly messages = new Table<Message>((id) => `No message found with id '${id}'.`);
  readonly runs = new Table<Run>((id) => `No run found with id '${id}'.`);
  readonly steps = new Table<RunStep>((id) => `No run step found with id '${id}'.`);
  readonly progress = new Map<string, RunProgress>();
  #lifetime = new AbortController();

  /** Aborts when the state is cleared, so runs playing in the background stop waiting. */
  get lifetime(): AbortSignal {
    return this.#lifetime.signal;
  }

  /** The run on the thread that still blocks new runs, if any. */
  activeRun(threadId: string): Run | undefined {
    return this.runs.values().find((run) => run.thread_id === threadId && ['queued', 'in_progress', 'requires_action', 'cancelling'].includes(run.status));
  }

  deleteThread(threadId: string): void {
    this.threads.delete(threadId);
    for (const message of this.messages.values()) if (message.thread_id === threadId) this.messages.delete(message.id);
    for (const step of this.steps.values()) if (step.thread_id === threadId) this.steps.delete(step.id);
    for (const run of this.runs.values()) {
      if (run.thread_id !== threadId) continue;
      this.runs.delete(run.id);
      this.progress.delete(run.id);
    }
  }

  clear(): void {
    this.#lifetime.abort();
    this.#lifetime = new AbortController();
    for (const table of [this.assistants, this.threads, this.messages, this.runs, this.steps]) table.clear();
    this.progress.clear();
  }
}
