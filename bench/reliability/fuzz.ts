import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import { sampleProject } from '../../shared/sample.ts';
import { seeded, type Figures } from './figures.ts';
import type { Answer, ProbedHost } from './host.ts';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Strings that break parsers and paths, and paths only inside the campaign's own folder (a fuzzed save must not write elsewhere). */
function strings(random: Random, scratch: string): string {
  return pick(random, [
    '',
    ' ',
    'a'.repeat(1 + Math.floor(random() * 300_000)),
    '\u0000\u0001\u{1F600}\uD800',
    '../../../../etc/passwd',
    'relative.assistant.json',
    path.join(scratch, `fuzz-${Math.floor(random() * 1e6)}.assistant.json`),
    path.join(scratch, 'missing', 'deeper', 'x.json'),
    '__proto__',
    'constructor',
    'n_assistant',
    'thread_x',
    'run_x',
    'javascript:alert(1)',
    '%s%s%s%n',
    '{"channel":"x"}',
  ]);
}

function value(random: Random, scratch: string, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 4 ? 6 : 9));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1e308, -0, 2 ** 53 + 1, 0.5, 65536, 99999]);
    case 3:
    case 4:
    case 5:
      return strings(random, scratch);
    case 6:
      return Array.from({ length: Math.floor(random() * 5) }, () => value(random, scratch, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--)
        out[pick(random, ['path', 'project', 'threadId', 'runId', 'nodeId', 'id', '__proto__', 'constructor', 'x'])] = value(random, scratch, depth + 1);
      return out;
    }
  }
}

/** A JSON value nested `depth` levels deep, as text (building it as an object would blow this process's stack first). */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

/** What counts against the app: an internal error, a transport failure, or a host that no longer answers. */
function badAnswer(answer: Answer): string | null {
  if ('transport' in answer) return `no answer (${answer.transport})`;
  if (!answer.ok && answer.error.code === 'E_INTERNAL') return `internal error: ${answer.error.message}`;
  return null;
}

/** Random and mutated requests on every channel of the IPC contract (and a few that do not exist). */
export async function probeChannels(host: ProbedHost, scratch: string, count: number, seed: number): Promise<Figures> {
  const random = seeded(seed);
  const channels = [...Object.keys(CHANNELS), 'app:nope', '__proto__', 'app:project/initial/../save', ''];
  // Channels that open native dialogs or replace the running state are fuzzed too: the web host has no dialogs.
  const problems: string[] = [];
  let crashes = 0;
  for (let i = 0; i < count; i++) {
    const channel = pick(random, channels);
    const deep = random() < 0.1;
    const answer = deep ? await host.invokeText(channel, nested(5_000 + Math.floor(random() * 5_000))) : await host.invoke(channel, value(random, scratch, 0));
    const problem = badAnswer(answer);
    if (problem !== null) problems.push(`${channel}: ${problem}`);
    if (problem !== null && !(await host.alive())) {
      crashes++;
      break;
    }
  }
  return { tried: count, failed: problems.length, crashes, problems: problems.slice(0, 20) };
}

type Mutation = (text: string, random: Random) => string | Buffer;

const MUTATIONS: Record<string, Mutation> = {
  flip: (text, random) => {
    const bytes = Buffer.from(text);
    for (let n = 1 + Math.floor(random() * 8); n > 0; n--) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
    return bytes;
  },
  truncate: (text, random) => text.slice(0, Math.floor(random() * text.length)),
  nest: (_text, random) =>
    `{"format":"assistant-studio/project","schemaVersion":2,"name":"n","nodes":${nested(2_000 + Math.floor(random() * 8_000))},"edges":[]}`,
  deepData: (text, random) => {
    const json = JSON.parse(text) as { nodes: { data: Record<string, unknown> }[] };
    json.nodes[0]!.data.deep = '__DEEP__';
    return JSON.stringify(json).replace('"__DEEP__"', nested(1_000 + Math.floor(random() * 9_000)));
  },
  hugeString: (text) => JSON.stringify({ ...(JSON.parse(text) as object), name: 'x'.repeat(5_000_000) }),
  wrongTypes: (text, random) => {
    const json = JSON.parse(text) as Record<string, unknown>;
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (node && typeof node === 'object')
        return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, random() < 0.08 ? pick(random, [null, 7, 'x', [], {}, true]) : walk(v)]));
      return node;
    };
    return JSON.stringify(walk(json));
  },
  proto: (text) => text.replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},'),
  duplicateIds: (text) => {
    const json = JSON.parse(text) as { nodes: { id: string }[] };
    for (const node of json.nodes) node.id = json.nodes[0]?.id ?? 'n';
    return JSON.stringify(json);
  },
  manyNodes: (text) => {
    const json = JSON.parse(text) as { nodes: object[] };
    const nodes = json.nodes;
    json.nodes = Array.from({ length: 60_000 }, (_, i) => ({ ...nodes[i % nodes.length], id: `n_${i}` }));
    return JSON.stringify(json);
  },
  notJson: () => '\u0000\u0001 not a project at all',
  empty: () => '',
  bom: (text) => `\uFEFF${text}`,
};

/**
 * Mutated project files opened through the backend: each open must answer (a project or a clear error),
 * leave the file as it was, and leave the app able to start: after the opens, `app:project/initial`
 * (what every start runs, with these files in the recent list) must still answer.
 */
export async function probeProjectFiles(host: ProbedHost, scratch: string, count: number, seed: number): Promise<Figures> {
  const random = seeded(seed);
  const original = serializeProject(sampleProject());
  const problems: string[] = [];
  let crashes = 0;
  let overwritten = 0;
  const names = Object.keys(MUTATIONS);
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]!;
    const mutated = MUTATIONS[name]!(original, random);
    const bytes = typeof mutated === 'string' ? Buffer.from(mutated) : mutated;
    const file = path.join(scratch, `mutated-${i}.assistant.json`);
    writeFileSync(file, bytes);
    const problem = badAnswer(await host.invoke('app:project/open', { path: file }));
    if (problem !== null) problems.push(`${name}: ${problem}`);
    if (!readFileSync(file).equals(bytes)) {
      overwritten++;
      problems.push(`${name}: the open changed the file`);
    }
    if (problem !== null && !(await host.alive())) {
      crashes++;
      break;
    }
  }
  const start = badAnswer(await host.invoke('app:project/initial', {}));
  if (start !== null) problems.push(`start-up after the opens: ${start}`);
  return { tried: count + 1, failed: problems.length, crashes, overwritten, problems: problems.slice(0, 20) };
}
