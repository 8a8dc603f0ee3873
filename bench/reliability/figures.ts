/** What one part of the campaign found: how many cases it tried, how many went wrong, and what. */
export interface Figures {
  tried: number;
  failed: number;
  /** One line per case that went wrong, for the report above the JSON line. */
  problems: string[];
  /** Further counts the part keeps (crashes, lost, duplicated, escapes, canaries…). */
  [count: string]: number | string[];
}

/** A seeded generator, so a campaign's fuzz can be replayed with its seed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
