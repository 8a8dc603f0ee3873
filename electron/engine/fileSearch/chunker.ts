import { decode, encodeGenerator } from 'gpt-tokenizer/encoding/o200k_base';
import type { ChunkingStrategy, TextChunk } from './types.ts';

/** OpenAI's `auto` chunking strategy. */
export const AUTO_CHUNKING = { maxChunkSizeTokens: 800, chunkOverlapTokens: 400 } as const;
export const MIN_CHUNK_TOKENS = 100;
export const MAX_CHUNK_TOKENS = 4096;

/** Chunk size and overlap of a strategy, or a message saying why a static one is out of range. */
export function resolveChunking(strategy: ChunkingStrategy): { size: number; overlap: number } | { error: string } {
  if (strategy.type === 'auto') return { size: AUTO_CHUNKING.maxChunkSizeTokens, overlap: AUTO_CHUNKING.chunkOverlapTokens };
  const { maxChunkSizeTokens: size, chunkOverlapTokens: overlap } = strategy;
  if (!Number.isInteger(size) || size < MIN_CHUNK_TOKENS || size > MAX_CHUNK_TOKENS) {
    return { error: `Chunk size must be a whole number of tokens from ${MIN_CHUNK_TOKENS} to ${MAX_CHUNK_TOKENS} (got ${size}).` };
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > size / 2) {
    return { error: `Chunk overlap must be a whole number of tokens from 0 to half the chunk size, ${Math.floor(size / 2)} (got ${overlap}).` };
  }
  return { size, overlap };
}

/** A growable array of unsigned 32-bit integers: a quarter of the memory of a number[] of them. */
class Uint32List {
  #data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.#data.length) {
      const grown = new Uint32Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.length++] = value;
  }

  at(index: number): number {
    return this.#data[index]!;
  }

  slice(start: number, end: number): Uint32Array {
    return this.#data.subarray(start, end);
  }
}

/**
 * Token positions of a text and the character offset of any token boundary. The tokenizer works
 * on regex pieces of the text (never splitting a character), so piece boundaries map to exact
 * character offsets; inside a piece a boundary can fall in the middle of a multi-byte character,
 * and is then moved back to that character's start. Kept in typed arrays: a large document has
 * millions of tokens.
 */
class TokenMap {
  readonly #tokens = new Uint32List();
  readonly #pieceToken = new Uint32List();
  readonly #pieceChar = new Uint32List();
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
    let chars = 0;
    // Special-token strings in a document are ordinary text, not control tokens.
    for (const piece of encodeGenerator(text, { disallowedSpecial: new Set() })) {
      this.#pieceToken.push(this.#tokens.length);
      this.#pieceChar.push(chars);
      for (const token of piece) this.#tokens.push(token);
      chars += decode(piece).length;
    }
  }

  get tokenCount(): number {
    return this.#tokens.length;
  }

  charOffset(token: number): number {
    if (token >= this.tokenCount) return this.#text.length;
    let lo = 0;
    let hi = this.#pieceToken.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#pieceToken.at(mid) <= token) lo = mid;
      else hi = mid - 1;
    }
    const start = this.#pieceChar.at(lo);
    const first = this.#pieceToken.at(lo);
    if (token === first) return start;
    const end = lo + 1 < this.#pieceToken.length ? this.#pieceToken.at(lo + 1) : this.tokenCount;
    // gpt-tokenizer decodes through one shared streaming TextDecoder: a prefix that ends inside a
    // character emits only the complete characters and holds the rest, which decoding the piece's
    // remaining tokens then drains, so the decoder is clean again for the next call.
    const length = decode(this.#tokens.slice(first, token)).length;
    decode(this.#tokens.slice(token, end));
    return start + length;
  }
}

/**
 * Cuts a text into windows of `size` tokens, each starting `size - overlap` tokens after the previous
 * one, the last ending at the end of the text (OpenAI's static strategy). Chunk text is the exact
 * slice of the source text, so character offsets always point at what the chunk says.
 */
export function chunkText(text: string, strategy: ChunkingStrategy): TextChunk[] {
  const resolved = resolveChunking(strategy);
  if ('error' in resolved) throw new RangeError(resolved.error);
  const { size, overlap } = resolved;
  const map = new TokenMap(text);
  const chunks: TextChunk[] = [];
  for (let start = 0; start < map.tokenCount; start += size - overlap) {
    const end = Math.min(start + size, map.tokenCount);
    const charStart = map.charOffset(start);
    const charEnd = map.charOffset(end);
    const slice = text.slice(charStart, charEnd);
    if (slice.trim() !== '') chunks.push({ seq: chunks.length, text: slice, tokenStart: start, tokenEnd: end, charStart, charEnd });
    if (end === map.tokenCount) break;
  }
  return chunks;
}
