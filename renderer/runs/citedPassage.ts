import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { invoke } from '../api/index.ts';

export type CitedPassage = ResponseOf<'app:fileSearch/chunk'>;

const cache = new Map<string, Promise<CitedPassage>>();

/** The passage a citation points at; fetched once per chunk (a failure is not kept, so a retry can work). */
export function loadPassage(chunkId: string): Promise<CitedPassage> {
  let pending = cache.get(chunkId);
  if (!pending) {
    pending = invoke('app:fileSearch/chunk', { chunkId });
    pending.catch(() => cache.delete(chunkId));
    cache.set(chunkId, pending);
  }
  return pending;
}

/** Shorter quotes match by accident (a word, a number), so they are not highlighted. */
const MIN_QUOTE = 12;

/**
 * Splits a passage around the part the annotation quotes, when the annotation's text is a quote of
 * it (hosted file search cites spans of the answer that often repeat the source) rather than a
 * marker such as 【4:0†notes.md】. Whitespace may differ between the two; case may not.
 */
export function citedSpan(passage: string, quote: string): { before: string; match: string; after: string } | null {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.join(' ').length < MIN_QUOTE || /^【.*】$/.test(quote.trim())) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const found = new RegExp(escaped.join('\\s+')).exec(passage);
  if (!found) return null;
  const start = found.index;
  const end = start + found[0].length;
  return { before: passage.slice(0, start), match: passage.slice(start, end), after: passage.slice(end) };
}
