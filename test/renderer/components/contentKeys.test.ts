import { describe, expect, it } from 'vitest';
import { keyedByContent, keyedLines } from '../../../renderer/components/contentKeys.ts';

describe('keyedByContent', () => {
  it('keys repeated content apart, in order', () => {
    expect(keyedLines(['a', 'b', 'a']).map((k) => k.key)).toEqual(['1:a', '1:b', '2:a']);
  });

  it('keeps an item’s key when an earlier, different item is removed', () => {
    const before = keyedLines(['x', 'y', 'z']);
    const after = keyedLines(['x', 'z']);
    expect(after.find((k) => k.item === 'z')?.key).toBe(before.find((k) => k.item === 'z')?.key);
  });

  it('keys objects by the content they are asked for', () => {
    const results = [{ file: 'f1' }, { file: 'f2' }, { file: 'f1' }];
    expect(keyedByContent(results, (r) => r.file).map((k) => k.key)).toEqual(['1:f1', '1:f2', '2:f1']);
  });
});
