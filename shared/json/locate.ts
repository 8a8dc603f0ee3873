/** Escapes one JSON pointer segment (RFC 6901). */
const escapePointer = (segment: string | number): string => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');

/** Builds a JSON pointer from path segments. */
export const toPointer = (path: readonly (string | number)[]): string => path.map((s) => `/${escapePointer(s)}`).join('');

interface Span {
  start: number;
  end: number;
}

/**
 * Character offsets of the value at `pointer` inside JSON `text`, so an editor can underline it.
 * For an object member, the span covers the member's key and value. Returns null when the text does
 * not parse far enough or the pointer is not present.
 */
export function locatePointer(text: string, pointer: string): Span | null {
  const target =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new Error('bad string');
    }
  };
  // Returns the span of the value at the current depth if the remaining path leads there.
  const value = (depth: number): Span | null => {
    ws();
    const start = i;
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      let found: Span | null = null;
      while (i < text.length && text[i] !== '}') {
        ws();
        const keyStart = i;
        const key = str();
        ws();
        if (text[i] !== ':') throw new Error('expected :');
        i++;
        const inner = value(depth + 1);
        if (!found && depth < target.length && key === target[depth]) {
          found = depth + 1 === target.length ? { start: keyStart, end: i } : inner;
        }
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      if (text[i] !== '}') throw new Error('unterminated object');
      i++;
      return depth === target.length ? { start, end: i } : found;
    }
    if (ch === '[') {
      i++;
      ws();
      let index = 0;
      let found: Span | null = null;
      while (i < text.length && text[i] !== ']') {
        const inner = value(depth + 1);
        if (!found && depth < target.length && String(index) === target[depth]) found = inner;
        index++;
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      if (text[i] !== ']') throw new Error('unterminated array');
      i++;
      return depth === target.length ? { start, end: i } : found;
    }
    if (ch === '"') str();
    else while (i < text.length && /[^,\]}\s]/.test(text[i]!)) i++;
    if (i === start) throw new Error('expected a value');
    return depth === target.length ? { start, end: i } : null;
  };
  try {
    return value(0);
  } catch {
    return null;
  }
}
