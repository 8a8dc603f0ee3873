import { porterStem } from './porter.ts';

/**
 * Lucene's English stop words (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`), which Pyserini's default
 * analyzer removes before stemming. Kept to these 33 so BM25 figures stay comparable with its baselines.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'but',
  'by',
  'for',
  'if',
  'in',
  'into',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'such',
  'that',
  'the',
  'their',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'will',
  'with',
]);

// An approximation of the word rules of Unicode UAX #29, which Lucene's StandardTokenizer follows:
// letters, digits, marks and connectors ("snake_case") form words; "'", "." and ":" join letters
// ("don't", "u.s.a"), and ".", ",", ";" and "'" join digits ("3.5", "1,000"); each Han or Hiragana
// character is a word of its own.
const LETTER = String.raw`[[\p{L}\p{M}]--[\p{Script=Han}\p{Script=Hiragana}]]`;
const WORD_CHAR = String.raw`(?:${LETTER}|\p{N}|\p{Pc})`;
const JOIN = String.raw`(?:(?<=${LETTER})['’.:](?=${LETTER})|(?<=\p{N})[.,;'’](?=\p{N}))`;
const WORD = new RegExp(String.raw`[\p{Script=Han}\p{Script=Hiragana}]|${WORD_CHAR}+(?:${JOIN}${WORD_CHAR}+)*`, 'gv');
const POSSESSIVE = /['’]s$/i;
// Apostrophes are dropped from terms and other connectors become "_", so that every term is made
// of the characters the FTS5 table keeps inside a token (see schema.ts).
const APOSTROPHES = /['’]/g;
// biome-ignore lint/complexity/useRegexLiterals: a literal with the v flag is TS1501 below target ES2024 (tsconfig.base.json targets ES2023)
const CONNECTORS = new RegExp(String.raw`[\p{Pc}--_]`, 'gv');
// Lucene's StandardTokenizer drops tokens longer than 255 characters; they are noise (base64, hashes).
const MAX_TERM_LENGTH = 255;

/**
 * The analysis chain of Pyserini's default English analyzer: tokenize, drop the possessive `'s`,
 * lower-case, remove stop words, Porter-stem. The same function serves indexing and querying, so
 * both sides always agree.
 */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replace(POSSESSIVE, '').toLowerCase();
    if (word.length === 0 || word.length > MAX_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    const term = porterStem(word).replace(APOSTROPHES, '').replace(CONNECTORS, '_');
    if (term.length > 0) terms.push(term);
  }
  return terms;
}

/** The distinct terms of a query with how often each occurs (a repeated word weighs more, as in Pyserini). */
export function queryTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of analyze(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
