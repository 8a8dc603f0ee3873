export type Api = 'responses' | 'chat';

/** The scripted conversation both sides play. */
export interface Conversation {
  model: string;
  instructions: string;
  functions: { name: string; description: string; parameters: Record<string, unknown> }[];
  mockOutput: string;
  /** The user's messages, one per turn. */
  messages: string[];
}

/** One user turn: until the answer is complete, and until its first text token. */
export interface TurnTiming {
  totalMs: number;
  firstTokenMs: number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
