import { demoRule } from './demo.ts';
import type { ModelRequest, Rule, ScriptEnd, Turn } from './types.ts';

/** The scripted turns still to play, and the rule that answers once they run out. */
export class Script {
  #turns: Turn[] = [];
  readonly #initialRule: Rule | undefined;
  #rule: Rule | undefined;

  constructor(initialRule?: Rule) {
    this.#initialRule = initialRule;
    this.#rule = initialRule;
  }

  get pending(): number {
    return this.#turns.length;
  }

  add(turns: Turn[]): void {
    this.#turns.push(...turns);
  }

  replace(turns: Turn[]): void {
    this.#turns = [...turns];
  }

  setRule(rule: Rule | undefined): void {
    this.#rule = rule;
  }

  /** Forgets the queued turns and goes back to the rule given at the start. */
  clear(): void {
    this.#turns = [];
    this.#rule = this.#initialRule;
  }

  /** Takes the first queued turn meant for the request's endpoint, else asks the rule. */
  next(request: ModelRequest): Turn | undefined {
    const index = this.#turns.findIndex((turn) => turn.endpoint === undefined || turn.endpoint === request.endpoint);
    if (index >= 0) return this.#turns.splice(index, 1)[0];
    return this.#rule?.(request);
  }
}

/** Answers with the last user message, streamed word by word. */
export const echoRule: Rule = (request) => ({ text: request.lastUserText ?? '' });

// A short pause between chunks makes the streaming visible in a UI.
const ECHO_CHUNK_DELAY_MS = 30;

/**
 * The rule a script's `end` (a file's `then`) names: `echo` is the echo rule with a short pause between
 * chunks, `demo` the demo model (demo.ts), `error` is none.
 */
export function endRule(end: ScriptEnd): Rule | undefined {
  switch (end) {
    case 'echo':
      return (request) => ({ ...echoRule(request), chunkDelayMs: ECHO_CHUNK_DELAY_MS });
    case 'demo':
      return demoRule;
    case 'error':
      return undefined;
  }
}
