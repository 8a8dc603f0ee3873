import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { analyze, queryTerms } from '../../../electron/engine/fileSearch/analyzer.ts';
import { idf, quantizedLength } from '../../../electron/engine/fileSearch/keyword.ts';
import { porterStem } from '../../../electron/engine/fileSearch/porter.ts';
import { textSource } from '../../../electron/engine/fileSearch/sources.ts';
import { memoryDb, openIndex } from './helpers.ts';

const root = path.resolve(import.meta.dirname, '../../..');

describe('analysis as Pyserini does it', () => {
  it('stems with Porter (examples from the algorithm description)', () => {
    const cases: Record<string, string> = {
      caresses: 'caress',
      ponies: 'poni',
      cats: 'cat',
      feed: 'feed',
      agreed: 'agre',
      plastered: 'plaster',
      motoring: 'motor',
      sing: 'sing',
      conflated: 'conflat',
      troubled: 'troubl',
      sized: 'size',
      hopping: 'hop',
      falling: 'fall',
      filing: 'file',
      happy: 'happi',
      relational: 'relat',
      conditional: 'condit',
      rational: 'ration',
      valenci: 'valenc',
      digitizer: 'digit',
      conformabli: 'conform',
      radicalli: 'radic',
      differentli: 'differ',
      vileli: 'vile',
      analogousli: 'analog',
      vietnamization: 'vietnam',
      predication: 'predic',
      operator: 'oper',
      feudalism: 'feudal',
      decisiveness: 'decis',
      hopefulness: 'hope',
      callousness: 'callous',
      formaliti: 'formal',
      sensitiviti: 'sensit',
      sensibiliti: 'sensibl',
      triplicate: 'triplic',
      formative: 'form',
      formalize: 'formal',
      electrical: 'electr',
      revival: 'reviv',
      allowance: 'allow',
      inference: 'infer',
      airliner: 'airlin',
      adjustable: 'adjust',
      replacement: 'replac',
      adoption: 'adopt',
      controll: 'control',
      roll: 'roll',
      generalizations: 'gener',
      oscillators: 'oscil',
      yelling: 'yell',
      by: 'by',
    };
    for (const [word, stem] of Object.entries(cases)) expect([word, porterStem(word)]).toEqual([word, stem]);
  });

  it('agrees with SQLite FTS5’s own Porter stemmer on every word of this repository’s sources', async () => {
    const words = new Set<string>();
    for (const dir of ['shared', 'electron', 'renderer']) {
      for (const file of await glob(`${dir}/**/*.{ts,tsx,md}`, { cwd: root, absolute: true })) {
        for (const word of (await readFile(file, 'utf8')).toLowerCase().match(/\b[a-z]{3,60}\b/g) ?? []) words.add(word);
      }
    }
    const list = [...words];
    expect(list.length).toBeGreaterThan(2000);
    const db = memoryDb();
    db.exec("CREATE VIRTUAL TABLE words USING fts5 (w, tokenize = 'porter ascii'); CREATE VIRTUAL TABLE stems USING fts5vocab (words, 'instance');");
    const insert = db.prepare('INSERT INTO words (rowid, w) VALUES (?, ?)');
    for (const [i, word] of list.entries()) insert.run(i + 1, word);
    const stems = db.prepare('SELECT doc, term FROM stems').all() as { doc: number; term: string }[];
    const differences = stems.map(({ doc, term }) => [list[doc - 1]!, term, porterStem(list[doc - 1]!)]).filter(([, theirs, ours]) => theirs !== ours);
    expect(differences).toEqual([]);
  });

  it('tokenizes, drops possessives and Lucene stop words, lower-cases and stems', () => {
    expect(analyze("The Cat's toys are in the Garden, and it's RAINING!")).toEqual(['cat', 'toi', 'garden', 'rain']);
    // "a.5" does not join (a letter, then a digit), and "a" is a stop word.
    expect(analyze('Über-große Zahlen: 3.5 km², 1,000 U.S.A. e.g. snake_case a.5')).toEqual([
      'über',
      'große',
      'zahlen',
      '3.5',
      'km²',
      '1,000',
      'u.s.a',
      'e.g',
      'snake_cas',
      '5',
    ]);
    expect(analyze("don't JOHN'S")).toEqual(['dont', 'john']);
    expect(analyze('日本語のテキスト हिन्दी ΣΊΣΥΦΟΣ')).toEqual(['日', '本', '語', 'の', 'テキスト', 'हिन्दी', 'σίσυφος']);
    expect([...queryTerms('running runs run')]).toEqual([['run', 3]]);
  });

  it("uses Lucene's IDF and one-byte length norms", () => {
    expect(idf(10, 1)).toBeCloseTo(Math.log(1 + 9.5 / 1.5), 12);
    expect(idf(10, 10)).toBeGreaterThan(0);
    expect([0, 1, 23, 24, 25, 31, 32, 40, 100, 1000].map(quantizedLength)).toEqual([0, 1, 23, 24, 25, 31, 32, 40, 96, 984]);
  });
});

describe('BM25 scores (hand-computed)', () => {
  it('scores with k1 = 0.9, b = 0.4 and reports BM25 over the sum of query IDFs', async () => {
    const { index } = openIndex();
    await index.index('s', {
      chunking: { type: 'auto' },
      sources: [
        textSource('1', 'one.txt', 'apple apple banana'),
        textSource('2', 'two.txt', 'the apple and a cherry'),
        textSource('3', 'three.txt', 'cherry date elderberry fig'),
      ],
    });
    // Lengths after stop words: 3, 2, 4; average 3. "apple" is in 2 of 3 chunks: idf = ln(1 + 1.5 / 2.5).
    // one: tf 2, norm 0.9 × (0.6 + 0.4 × 3/3) = 0.9   → 2 / 2.9 of the idf
    // two: tf 1, norm 0.9 × (0.6 + 0.4 × 2/3) = 0.78  → 1 / 1.78 of the idf
    const hits = await index.search('s', 'apple', { mode: 'keyword', maxResults: 5 });
    expect(hits.map((h) => h.fileName)).toEqual(['one.txt', 'two.txt']);
    expect(hits[0]!.score).toBeCloseTo(2 / 2.9, 10);
    expect(hits[1]!.score).toBeCloseTo(1 / 1.78, 10);
    // Two query terms: the ceiling is idf(apple) + idf(fig), fig being in 1 chunk.
    const idfApple = Math.log(1 + 1.5 / 2.5);
    const idfFig = Math.log(1 + 2.5 / 1.5);
    const [three] = await index.search('s', 'fig apple', { mode: 'keyword', maxResults: 1 });
    const figInThree = idfFig * (1 / (1 + 0.9 * (0.6 + (0.4 * 4) / 3)));
    expect(three).toMatchObject({ fileName: 'three.txt' });
    expect(three!.score).toBeCloseTo(figInThree / (idfApple + idfFig), 10);
  });
});

describe('BM25 over FTS5 postings', () => {
  it('ranks exactly as a direct BM25 over the analysed texts, store by store', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vocabulary = [
      'river',
      'rivers',
      'bank',
      'banking',
      'money',
      'flows',
      'flowing',
      'water',
      'loan',
      'fish',
      'the',
      'and',
      'stream',
      'interest',
      'rate',
      "bank's",
      'deposit',
      'shore',
    ];
    const texts = Array.from({ length: 120 }, () =>
      Array.from({ length: 5 + Math.floor(random() * 40) }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' '),
    );
    const { index } = openIndex();
    await index.index('main', { chunking: { type: 'auto' }, sources: texts.map((text, i) => textSource(`d${i}`, `d${i}.txt`, text)) });
    // Another store in the same tables must not change this one's statistics.
    await index.index('other', { chunking: { type: 'auto' }, sources: [textSource('x', 'x.txt', 'river river river bank money '.repeat(50))] });

    const docs = texts.map((text) => analyze(text));
    const avg = docs.reduce((sum, d) => sum + d.length, 0) / docs.length;
    const direct = (query: string) => {
      const scores = docs.map((terms) => {
        let score = 0;
        for (const [term, weight] of queryTerms(query)) {
          const df = docs.filter((d) => d.includes(term)).length;
          const tf = terms.filter((t) => t === term).length;
          if (tf > 0) score += weight * idf(docs.length, df) * (tf / (tf + 0.9 * (0.6 + (0.4 * quantizedLength(terms.length)) / avg)));
        }
        return score;
      });
      return scores
        .map((score, i) => ({ path: `d${i}`, score }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || Number(a.path.slice(1)) - Number(b.path.slice(1)));
    };
    for (const query of ['river bank', 'banking interest rate', 'fish flowing in the stream', "the bank's deposit", 'water water shore']) {
      const expected = direct(query).slice(0, 10);
      const hits = await index.search('main', query, { mode: 'keyword', maxResults: 10 });
      expect(hits.map((h) => h.path)).toEqual(expected.map((e) => e.path));
      const ceiling = [...queryTerms(query)].reduce((sum, [term, weight]) => sum + weight * idf(docs.length, docs.filter((d) => d.includes(term)).length), 0);
      for (const [i, hit] of hits.entries()) expect(hit.score).toBeCloseTo(expected[i]!.score / ceiling, 10);
    }
  });
});
