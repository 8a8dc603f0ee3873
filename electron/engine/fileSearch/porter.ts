/**
 * Martin Porter's stemming algorithm (the revised reference version, with `bli`→`ble` and
 * `logi`→`log`), the one Lucene's PorterStemFilter and therefore Pyserini's BM25 baselines use.
 * Expects a lower-case word.
 */

const STEP2: Record<string, string> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};
const STEP3: Record<string, string> = { icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' };

const c = '[^aeiou]';
const v = '[aeiouy]';
const C = `${c}[^aeiouy]*`;
const V = `${v}[aeiou]*`;
const MEASURE_GT0 = new RegExp(`^(${C})?${V}${C}`);
const MEASURE_EQ1 = new RegExp(`^(${C})?${V}${C}(${V})?$`);
const MEASURE_GT1 = new RegExp(`^(${C})?${V}${C}${V}${C}`);
const HAS_VOWEL = new RegExp(`^(${C})?${v}`);
const CVC = new RegExp(`^${C}${v}[^aeiouwxy]$`);
const DOUBLE_CONSONANT = /([^aeiouylsz])\1$/;

const STEP1A_SSES = /^(.+?)(ss|i)es$/;
const STEP1A_S = /^(.+?)([^s])s$/;
const STEP1B_EED = /^(.+?)eed$/;
const STEP1B_ED_ING = /^(.+?)(ed|ing)$/;
const STEP1C = /^(.+?)y$/;
const STEP2_RE = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_RE = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_RE = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;
const STEP5_E = /^(.+?)e$/;

export function porterStem(word: string): string {
  if (word.length < 3) return word;
  // A leading y is a consonant; upper-casing it keeps the vowel patterns from treating it as one.
  const leadingY = word.startsWith('y');
  let w = leadingY ? `Y${word.slice(1)}` : word;

  let m: RegExpExecArray | null;
  if ((m = STEP1A_SSES.exec(w))) w = m[1]! + m[2]!;
  else if ((m = STEP1A_S.exec(w))) w = m[1]! + m[2]!;

  if ((m = STEP1B_EED.exec(w))) {
    if (MEASURE_GT0.test(m[1]!)) w = w.slice(0, -1);
  } else if ((m = STEP1B_ED_ING.exec(w))) {
    const stem = m[1]!;
    if (HAS_VOWEL.test(stem)) {
      w = stem;
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (DOUBLE_CONSONANT.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }

  if ((m = STEP1C.exec(w)) && HAS_VOWEL.test(m[1]!)) w = `${m[1]!}i`;

  if ((m = STEP2_RE.exec(w)) && MEASURE_GT0.test(m[1]!)) w = m[1]! + STEP2[m[2]!]!;
  if ((m = STEP3_RE.exec(w)) && MEASURE_GT0.test(m[1]!)) w = m[1]! + STEP3[m[2]!]!;

  if ((m = STEP4_RE.exec(w))) {
    if (MEASURE_GT1.test(m[1]!)) w = m[1]!;
  } else if ((m = STEP4_ION.exec(w))) {
    const stem = m[1]! + m[2]!;
    if (MEASURE_GT1.test(stem)) w = stem;
  }

  if ((m = STEP5_E.exec(w))) {
    const stem = m[1]!;
    if (MEASURE_GT1.test(stem) || (MEASURE_EQ1.test(stem) && !CVC.test(stem))) w = stem;
  }
  if (/ll$/.test(w) && MEASURE_GT1.test(w)) w = w.slice(0, -1);

  return leadingY ? `y${w.slice(1)}` : w;
}
