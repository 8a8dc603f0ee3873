/**
 * React keys for list items that have no id (error details, warnings, hints, search results): a key
 * made from the item's content, with the occurrence number for repeats, so keys are unique and each
 * stays with its item when others are added or removed.
 */
export function keyedByContent<T>(items: readonly T[], contentOf: (item: T) => string): { key: string; item: T }[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const content = contentOf(item);
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    return { key: `${occurrence}:${content}`, item };
  });
}

/** {@link keyedByContent} for lines of text, keyed by the text itself. */
export const keyedLines = (lines: readonly string[]) => keyedByContent(lines, (line) => line);
