/** How much JSON the app takes from one file or message; more is refused before it is parsed. */
export interface JsonLimits {
  /** Deepest nesting of arrays and objects. */
  maxDepth: number;
  /** Longest text, in UTF-16 code units. */
  maxLength: number;
}

/**
 * Far beyond any project, draft or settings file (a JSON Schema ten levels deep nests about 25), and
 * far below what breaks: JSON.stringify and structuredClone run out of stack at about 4,000 levels,
 * and so do the recursive checks and renders after them.
 */
export const JSON_LIMITS: JsonLimits = { maxDepth: 100, maxLength: 32 * 1024 * 1024 };

export type JsonParse = { ok: true; value: unknown } | { ok: false; problem: 'syntax' | 'limit'; message: string };

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether arrays and objects nest deeper than `limit`, counted in one pass without recursion. */
function nestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Brackets inside strings do not count; for text that is not JSON the count is off, but then the parse fails anyway.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE) break;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Parses JSON text within the limits. Never throws; a refusal says which limit, or where the text
 * broke, and never quotes the text.
 */
export function parseJson(text: string, limits: JsonLimits = JSON_LIMITS): JsonParse {
  if (text.length > limits.maxLength) {
    return { ok: false, problem: 'limit', message: `it is larger than ${Math.round(limits.maxLength / 1024 / 1024)} MB` };
  }
  if (nestsDeeper(text, limits.maxDepth)) {
    return { ok: false, problem: 'limit', message: `it nests arrays and objects more than ${limits.maxDepth} levels deep` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: 'syntax', message: syntaxDetail(error) };
  }
}

/**
 * Where V8 found the text broken, without quoting it: its "Unexpected token" message quotes the text
 * (`Unexpected token 'r', "root:x:0:0:"... is not valid JSON`), which is how any file a user picks, such
 * as /etc/shadow, would show up in an error, a log or a screenshot. Its other messages give a position.
 */
function syntaxDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('Unexpected token') ? 'an unexpected character' : message;
}

/**
 * The value's JSON text ('' for a value JSON has no text for), or null when it nests too deep to be
 * written: JSON.stringify runs out of stack.
 */
export function stringifyBounded(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
