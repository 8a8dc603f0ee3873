/** "1 error", "2 errors": a count with its noun, for labels and counts on screen. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
