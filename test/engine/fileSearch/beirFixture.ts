import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const TOPICS: Record<string, string[]> = {
  volcano: ['volcano', 'magma', 'eruption', 'lava', 'crater'],
  baking: ['bread', 'yeast', 'dough', 'oven', 'flour'],
  tides: ['tide', 'moon', 'ocean', 'gravity', 'coast'],
  chess: ['chess', 'bishop', 'knight', 'checkmate', 'opening'],
  vaccine: ['vaccine', 'antibody', 'immune', 'dose', 'trial'],
  bitcoin: ['bitcoin', 'blockchain', 'miner', 'wallet', 'ledger'],
  glacier: ['glacier', 'ice', 'moraine', 'valley', 'melt'],
  jazz: ['jazz', 'saxophone', 'improvisation', 'swing', 'chord'],
};
const FILLER = ['the', 'study', 'reports', 'several', 'results', 'about', 'common', 'patterns', 'and', 'observed', 'effects', 'over', 'time'];

/**
 * Writes a small dataset in the BEIR layout: for each topic, a main document (grade 2), a second
 * one that touches it (grade 1) and filler documents; one query per topic. Deterministic.
 */
export async function writeBeirDataset(dir: string): Promise<{ documents: number; queries: number }> {
  await mkdir(path.join(dir, 'qrels'), { recursive: true });
  const corpus: string[] = [];
  const queries: string[] = [];
  const qrels: string[] = ['query-id\tcorpus-id\tscore'];
  const names = Object.keys(TOPICS);
  names.forEach((topic, t) => {
    const words = TOPICS[topic]!;
    const other = TOPICS[names[(t + 1) % names.length]!]!;
    const filler = (n: number) => Array.from({ length: n }, (_, i) => FILLER[(i * 7 + t) % FILLER.length]).join(' ');
    corpus.push(
      JSON.stringify({ _id: `${topic}-main`, title: `All about ${words[0]}`, text: `${words.join(' ')} ${filler(20)} ${words.slice(0, 3).join(' ')}` }),
    );
    corpus.push(JSON.stringify({ _id: `${topic}-side`, title: '', text: `${other.join(' ')} ${filler(25)} ${words[1]}` }));
    corpus.push(JSON.stringify({ _id: `${topic}-noise`, title: 'Notes', text: filler(40) }));
    queries.push(JSON.stringify({ _id: `q-${topic}`, text: `${words[0]} ${words[1]} ${words[2]}?` }));
    qrels.push(`q-${topic}\t${topic}-main\t2`, `q-${topic}\t${topic}-side\t1`);
  });
  await writeFile(path.join(dir, 'corpus.jsonl'), `${corpus.join('\n')}\n`);
  await writeFile(path.join(dir, 'queries.jsonl'), `${queries.join('\n')}\n`);
  await writeFile(path.join(dir, 'qrels', 'test.tsv'), `${qrels.join('\n')}\n`);
  return { documents: corpus.length, queries: queries.length };
}
