/** A piece of Python source for highlighting; `plain` covers names, operators and whitespace. */
export interface PyToken {
  kind: 'keyword' | 'string' | 'comment' | 'number' | 'builtin' | 'plain';
  text: string;
  /** Offset of the token in the source: unique, so it keys the token's element. */
  start: number;
}

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
]);
const BUILTINS = new Set([
  'print',
  'len',
  'range',
  'open',
  'str',
  'int',
  'float',
  'list',
  'dict',
  'set',
  'tuple',
  'sum',
  'min',
  'max',
  'sorted',
  'enumerate',
  'zip',
  'isinstance',
  'type',
  'round',
  'abs',
]);

// One alternation, tried left to right at each position: triple-quoted strings before single-quoted ones.
const TOKEN =
  /(#[^\n]*)|([rbuf]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|(\b\d[\d_]*(?:\.\d*)?(?:e[+-]?\d+)?j?\b)|([A-Za-z_]\w*)/gi;

/** Splits Python source into tokens that join back to exactly the source. */
export function pythonTokens(code: string): PyToken[] {
  const tokens: PyToken[] = [];
  let length = 0;
  const push = (kind: PyToken['kind'], text: string) => {
    const last = tokens.at(-1);
    if (last && last.kind === kind && kind === 'plain') last.text += text;
    else tokens.push({ kind, text, start: length });
    length += text.length;
  };
  let at = 0;
  for (const m of code.matchAll(TOKEN)) {
    if (m.index > at) push('plain', code.slice(at, m.index));
    const [text, comment, string, number, word] = m;
    if (comment !== undefined) push('comment', text);
    else if (string !== undefined) push('string', text);
    else if (number !== undefined) push('number', text);
    // An attribute (`df.sum`) is the object's own name, never the keyword or builtin it spells.
    else if (word !== undefined && code[m.index - 1] !== '.') push(KEYWORDS.has(word) ? 'keyword' : BUILTINS.has(word) ? 'builtin' : 'plain', text);
    else push('plain', text);
    at = m.index + text.length;
  }
  if (at < code.length) push('plain', code.slice(at));
  return tokens;
}
