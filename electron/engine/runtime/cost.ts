import type { Usage } from '../../../shared/runtime/objects.ts';

/** USD per one million tokens, by model id; plain JSON so the settings can edit it. */
export type PriceTable = Record<string, { input: number; output: number }>;

/** List prices at the time of writing; the app lets the user correct them. */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'o4-mini': { input: 1.1, output: 4.4 },
};

/**
 * The estimated cost of the usage in USD, or null when the model has no price. A dated snapshot
 * (`gpt-4o-2024-08-06`) falls back to the price of its base name.
 */
export function estimateCost(model: string, usage: Usage | null, prices: PriceTable): number | null {
  if (!usage) return null;
  const price = prices[model] ?? prices[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (!price) return null;
  return (usage.prompt_tokens * price.input + usage.completion_tokens * price.output) / 1_000_000;
}

export function addUsage(a: Usage | null, b: Usage | null): Usage | null {
  if (!a) return b;
  if (!b) return a;
  return {
    prompt_tokens: a.prompt_tokens + b.prompt_tokens,
    completion_tokens: a.completion_tokens + b.completion_tokens,
    total_tokens: a.total_tokens + b.total_tokens,
  };
}
