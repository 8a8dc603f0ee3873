import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Judgments } from './metrics.ts';

interface BeirDocument {
  id: string;
  title: string;
  text: string;
}

export interface BeirDataset {
  name: string;
  corpus: BeirDocument[];
  /** Query id → text, only for queries with judgments in the split. */
  queries: Map<string, string>;
  qrels: Map<string, Judgments>;
}

async function* jsonLines(file: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`${path.basename(file)} line ${number} is not JSON.`);
    }
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));

/**
 * Reads a dataset in the BEIR layout: `corpus.jsonl` (`_id`, `title`, `text`), `queries.jsonl`
 * (`_id`, `text`) and `qrels/<split>.tsv` (header, then `query-id corpus-id score`).
 */
export async function loadBeir(dir: string, split = 'test'): Promise<BeirDataset> {
  const qrelsFile = path.join(dir, 'qrels', `${split}.tsv`);
  for (const file of [path.join(dir, 'corpus.jsonl'), path.join(dir, 'queries.jsonl'), qrelsFile]) {
    await access(file).catch(() => {
      throw new Error(`${file} is missing: a BEIR dataset has corpus.jsonl, queries.jsonl and qrels/${split}.tsv.`);
    });
  }
  const qrels = new Map<string, Map<string, number>>();
  const lines = createInterface({ input: createReadStream(qrelsFile, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    const fields = line.trim().split(/\t| +/);
    if (first && fields[0] === 'query-id') {
      first = false;
      continue;
    }
    first = false;
    if (fields.length < 3) continue;
    const [query, doc, grade] = fields as [string, string, string];
    if (!qrels.has(query)) qrels.set(query, new Map());
    qrels.get(query)!.set(doc, Number(grade));
  }
  const queries = new Map<string, string>();
  for await (const row of jsonLines(path.join(dir, 'queries.jsonl'))) {
    const id = str(row._id);
    if (qrels.has(id)) queries.set(id, str(row.text));
  }
  const corpus: BeirDocument[] = [];
  for await (const row of jsonLines(path.join(dir, 'corpus.jsonl'))) corpus.push({ id: str(row._id), title: str(row.title), text: str(row.text) });
  return { name: path.basename(path.resolve(dir)), corpus, queries, qrels };
}
