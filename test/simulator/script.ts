import type { ModelRequest, Rule, Turn } from './types.ts';

/** The scripted turns still to play, and the rule that answers once they run out. */
export class Script {
  #turns: Turn[] = [];
  #rule: Rule | undefined;

  get pending(): number {
    return this.#turns.length;
  }

  add(turns: Turn[]): void {
    this.#turns.push(...turns);
  }

  setRule(rule: Rule | undefined): void {
    this.#rule = rule;
  }

  clear(): void {
    this.#turns = [];
    this.#rule = undefined;
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
