import { decode, encode } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { chunkText, resolveChunking } from '../../../electron/engine/fileSearch/chunker.ts';

const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i % 7} alpha${i % 13}`).join(' ');

describe('chunking by o200k_base tokens', () => {
  it('cuts static windows with the exact size and overlap, the last one ending at the text end', () => {
    const text = words(300);
    const tokens = encode(text);
    const chunks = chunkText(text, { type: 'static', maxChunkSizeTokens: 100, chunkOverlapTokens: 30 });
    const starts = chunks.map((c) => c.tokenStart);
    expect(starts).toEqual(Array.from({ length: starts.length }, (_, i) => i * 70));
    expect(chunks.at(-1)!.tokenEnd).toBe(tokens.length);
    expect(chunks.at(-2)!.tokenEnd).toBeLessThan(tokens.length);
    for (const chunk of chunks) {
      expect(chunk.tokenEnd - chunk.tokenStart).toBe(Math.min(100, tokens.length - chunk.tokenStart));
      expect(chunk.text).toBe(decode(tokens.slice(chunk.tokenStart, chunk.tokenEnd)));
      expect(text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    }
    for (let i = 1; i < chunks.length; i++) expect(chunks[i - 1]!.tokenEnd - chunks[i]!.tokenStart).toBe(30);
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
  });

  it('uses 800-token chunks with 400 tokens of overlap for auto', () => {
    const text = words(2000);
    const total = encode(text).length;
    const chunks = chunkText(text, { type: 'auto' });
    expect(chunks[0]).toMatchObject({ tokenStart: 0, tokenEnd: 800 });
    expect(chunks[1]).toMatchObject({ tokenStart: 400, tokenEnd: 1200 });
    expect(chunks.at(-1)!.tokenEnd).toBe(total);
    expect(chunks).toHaveLength(Math.ceil((total - 800) / 400) + 1);
  });

  it('keeps a short text whole and yields nothing for blank text', () => {
    expect(chunkText('A short note.', { type: 'auto' })).toEqual([
      { seq: 0, text: 'A short note.', tokenStart: 0, tokenEnd: encode('A short note.').length, charStart: 0, charEnd: 13 },
    ]);
    expect(chunkText('', { type: 'auto' })).toEqual([]);
    expect(chunkText(' \n\n ', { type: 'auto' })).toEqual([]);
  });

  it('moves a boundary inside a multi-byte character back to the character start', () => {
    // Each of these emoji takes several tokens, so 100-token windows split some of them.
    const text = '🎉🦊🧪🛰️'.repeat(120);
    const chunks = chunkText(text, { type: 'static', maxChunkSizeTokens: 100, chunkOverlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const chunk of chunks) {
      expect(chunk.text).not.toContain('\uFFFD');
      expect(text.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    }
  });

  it('treats special-token strings in a document as text', () => {
    const [chunk] = chunkText('before <|endoftext|> after', { type: 'auto' });
    expect(chunk?.text).toBe('before <|endoftext|> after');
  });

  it('validates static settings as the inspector does', () => {
    expect(resolveChunking({ type: 'auto' })).toEqual({ size: 800, overlap: 400 });
    expect(resolveChunking({ type: 'static', maxChunkSizeTokens: 4096, chunkOverlapTokens: 2048 })).toEqual({ size: 4096, overlap: 2048 });
    expect(resolveChunking({ type: 'static', maxChunkSizeTokens: 99, chunkOverlapTokens: 0 })).toHaveProperty('error');
    expect(resolveChunking({ type: 'static', maxChunkSizeTokens: 4097, chunkOverlapTokens: 0 })).toHaveProperty('error');
    expect(resolveChunking({ type: 'static', maxChunkSizeTokens: 300, chunkOverlapTokens: 151 })).toHaveProperty('error');
    expect(resolveChunking({ type: 'static', maxChunkSizeTokens: 300, chunkOverlapTokens: -1 })).toHaveProperty('error');
    expect(() => chunkText('x', { type: 'static', maxChunkSizeTokens: 50, chunkOverlapTokens: 0 })).toThrow(RangeError);
  });
});
