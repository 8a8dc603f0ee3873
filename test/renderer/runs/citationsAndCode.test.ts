import { describe, expect, it } from 'vitest';
import { citedSpan } from '../../../renderer/runs/citedPassage.ts';
import { pythonTokens } from '../../../renderer/runs/pythonTokens.ts';

describe('citedSpan', () => {
  const passage = 'Refunds are accepted within 30 days of purchase.\nAfter that, store credit is offered.';

  it('finds a quoted span even when the whitespace differs', () => {
    expect(citedSpan(passage, 'within 30 days\n of   purchase')).toEqual({
      before: 'Refunds are accepted ',
      match: 'within 30 days of purchase',
      after: '.\nAfter that, store credit is offered.',
    });
    expect(citedSpan(passage, 'purchase. After that')?.match).toBe('purchase.\nAfter that');
  });

  it('highlights nothing for markers, short quotes and text that is not in the passage', () => {
    expect(citedSpan(passage, '【4:0†policy.md】')).toBeNull();
    expect(citedSpan(passage, 'days')).toBeNull();
    expect(citedSpan(passage, 'within 60 days of purchase')).toBeNull();
    expect(citedSpan(passage, 'store credit (offered)')).toBeNull();
  });
});

describe('pythonTokens', () => {
  const code = [
    'import pandas as pd  # the data',
    'df = pd.read_csv("/mnt/data/sales.csv")',
    "s = f'{len(df)} rows'",
    'doc = """two',
    'lines"""',
    'print(df.total.sum() * 1.5e3)',
  ].join('\n');

  it('joins back to exactly the source', () => {
    expect(
      pythonTokens(code)
        .map((t) => t.text)
        .join(''),
    ).toBe(code);
  });

  it('gives each token its offset in the source', () => {
    for (const t of pythonTokens(code)) expect(code.slice(t.start, t.start + t.text.length)).toBe(t.text);
  });

  it('tells keywords, strings, comments, numbers and builtins apart', () => {
    const of = (kind: string) =>
      pythonTokens(code)
        .filter((t) => t.kind === kind)
        .map((t) => t.text);
    expect(of('keyword')).toEqual(['import', 'as']);
    expect(of('comment')).toEqual(['# the data']);
    expect(of('string')).toEqual(['"/mnt/data/sales.csv"', "f'{len(df)} rows'", '"""two\nlines"""']);
    expect(of('number')).toEqual(['1.5e3']);
    expect(of('builtin')).toEqual(['print']);
  });

  it('keeps an unterminated string as a string to the end of its line', () => {
    expect(pythonTokens('x = "open\ny = 1').map((t) => t.kind)).toContain('string');
    expect(
      pythonTokens('x = "open\ny = 1')
        .map((t) => t.text)
        .join(''),
    ).toBe('x = "open\ny = 1');
  });
});
