import { invalidRequest } from './http.ts';
import { splitText } from './plan.ts';

/** The chunk size and overlap a vector store file was indexed with (in tokens). */
export interface StaticChunking {
  max_chunk_size_tokens: number;
  chunk_overlap_tokens: number;
}

/** What `{type: "auto"}` currently means, per the API reference. */
const AUTO_CHUNKING: StaticChunking = { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 };

/**
 * Reads a request's `chunking_strategy` (`auto` or `static` with size 100–4096 and an overlap of at most
 * half the size), falling back to `fallback` when it is absent.
 */
export function parseChunking(value: unknown, fallback: StaticChunking = AUTO_CHUNKING): StaticChunking {
  if (value === undefined || value === null) return fallback;
  const invalid = (detail: string) => invalidRequest(`Invalid 'chunking_strategy': ${detail}`, 'chunking_strategy', 'invalid_value');
  if (typeof value !== 'object' || Array.isArray(value) || !('type' in value)) throw invalid("expected an object with a 'type'.");
  if (value.type === 'auto') return AUTO_CHUNKING;
  if (value.type !== 'static') throw invalid("'type' must be 'auto' or 'static'.");
  const settings = 'static' in value ? value.static : undefined;
  if (settings === null || typeof settings !== 'object') throw invalid("'static' is required when 'type' is 'static'.");
  const size = 'max_chunk_size_tokens' in settings ? settings.max_chunk_size_tokens : undefined;
  const overlap = 'chunk_overlap_tokens' in settings ? settings.chunk_overlap_tokens : undefined;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 100 || size > 4096) {
    throw invalid("'max_chunk_size_tokens' must be an integer from 100 to 4096.");
  }
  if (typeof overlap !== 'number' || !Number.isInteger(overlap) || overlap < 0 || overlap > size / 2) {
    throw invalid("'chunk_overlap_tokens' must be a non-negative integer and must not exceed half of 'max_chunk_size_tokens'.");
  }
  return { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap };
}

/** Returned objects always name the static settings; the response schema has no `auto`. */
export function chunkingView(chunking: StaticChunking): Record<string, unknown> {
  return { type: 'static', static: { ...chunking } };
}

/**
 * Cuts text into overlapping windows. A "token" here is a word with its leading whitespace (the
 * simulator has no tokenizer), so chunks hold whole words and the overlap is exact in those units.
 */
export function chunkText(text: string, chunking: StaticChunking): string[] {
  const tokens = splitText(text);
  if (tokens.length === 0) return [];
  const size = chunking.max_chunk_size_tokens;
  const step = size - chunking.chunk_overlap_tokens;
  const chunks: string[] = [];
  for (let start = 0; ; start += step) {
    chunks.push(
      tokens
        .slice(start, start + size)
        .join('')
        .trim(),
    );
    if (start + size >= tokens.length) break;
  }
  return chunks;
}
