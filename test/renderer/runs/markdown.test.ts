import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/runtime/objects.ts';
import { annotationIndexOf, splitBlocks, withAnnotationLinks } from '../../../renderer/runs/markdown.ts';

const citation = (text: string, start: number): Annotation => ({
  type: 'file_citation',
  text,
  start_index: start,
  end_index: start + text.length,
  file_citation: { file_id: 'file-1' },
});

describe('withAnnotationLinks', () => {
  it('turns citations into numbered links to their annotation', () => {
    const value = 'Paris is big【4:0†a.md】 and old【4:1†b.md】.';
    const first = citation('【4:0†a.md】', value.indexOf('【4:0'));
    const second = citation('【4:1†b.md】', value.indexOf('【4:1'));
    // Annotations may come in any order; numbers follow the text.
    expect(withAnnotationLinks(value, [second, first])).toBe('Paris is big[1](#annotation-1) and old[2](#annotation-0).');
  });

  it('puts file paths where the link target was', () => {
    const value = '[Download](sandbox:/mnt/data/out.csv)';
    const start = value.indexOf('sandbox:');
    const annotation: Annotation = {
      type: 'file_path',
      text: 'sandbox:/mnt/data/out.csv',
      start_index: start,
      end_index: value.length - 1,
      file_path: { file_id: 'file-2' },
    };
    expect(withAnnotationLinks(value, [annotation])).toBe('[Download](#annotation-0)');
  });

  it('leaves ranges that do not fit the text alone', () => {
    expect(withAnnotationLinks('short', [citation('x', 10)])).toBe('short');
  });
});

describe('annotationIndexOf', () => {
  it('tells annotation links from ordinary ones', () => {
    expect(annotationIndexOf('#annotation-3')).toBe(3);
    expect(annotationIndexOf('https://example.com')).toBeNull();
    expect(annotationIndexOf('#annotation-x')).toBeNull();
    expect(annotationIndexOf(undefined)).toBeNull();
  });
});

describe('splitBlocks', () => {
  it('splits at blank lines but never inside fenced code', () => {
    const text = 'Intro\nline two\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- item\n\n\nEnd';
    expect(splitBlocks(text)).toEqual(['Intro\nline two', '```ts\nconst a = 1;\n\nconst b = 2;\n```', '- item', 'End']);
  });

  it('keeps an unclosed fence (still streaming) in the last block', () => {
    expect(splitBlocks('Text\n\n```\ncode\n\nmore')).toEqual(['Text', '```\ncode\n\nmore']);
  });
});
