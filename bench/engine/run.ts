// Engine overhead against a plain SDK loop, both against the simulator with no artificial latency.
// Usage: node bench/engine/run.ts [rounds]   (last line: one JSON object)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { createRuntime, openStore } from '../../electron/engine/index.ts';
import { startSimulator, type ModelRequest } from '../../test/simulator/server.ts';
import { conversationProject, engineConversation } from './engineLoop.ts';
import { plainConversation } from './plainLoop.ts';
import { median, type Api, type Conversation, type TurnTiming } from './shared.ts';

// Each round plays the conversation once per side. Pair ratios spread widely on a shared machine
// (the middle half spans about 0.95-1.2), so it takes a few hundred pairs for the median to settle
// within about ±0.01 from one run to the next.
const ROUNDS = Number(process.argv[2] ?? 101);
const WARMUP = 3;

const conversation: Conversation = {
  model: 'gpt-4.1-mini',
  instructions: 'You are a research assistant. Use the tools when they help.',
  functions: [
    {
      name: 'search_papers',
      description: 'Search papers by query.',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'], additionalProperties: false },
    },
    {
      name: 'get_citations',
      description: 'Citation count of a paper.',
      parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
    },
  ],
  mockOutput: '{"results":[{"id":"P-101","title":"Retrieval-augmented generation","citations":1234}]}',
  messages: ['Find papers on retrieval.', 'Which is most cited?', 'Summarise the top one.', 'Any newer work?', 'Thanks, wrap up.'],
};

const ANSWER =
  'Here is what I found: retrieval-augmented generation pairs a language model with a search step, and the most cited paper in the results is P-101 with 1234 citations.';

// A model that calls both tools in parallel after each user message, then answers once it has their outputs.
function model(request: ModelRequest) {
  const body = request.body;
  const last = (request.endpoint === 'chat' ? (body.messages as { role: string }[]) : (body.input as { type?: string; role?: string }[])).at(-1);
  const afterTools = last !== undefined && (('type' in last && last.type === 'function_call_output') || last.role === 'tool');
  if (afterTools) return { text: ANSWER, usage: { input_tokens: 500, output_tokens: 60 } };
  return {
    toolCalls: [
      { name: 'search_papers', arguments: { query: 'retrieval' } },
      { name: 'get_citations', arguments: { id: 'P-101' } },
    ],
    usage: { input_tokens: 400, output_tokens: 30 },
  };
}

/** One user turn played by both sides back to back. */
interface Pair {
  engine: TurnTiming;
  plain: TurnTiming;
}

/** Plays both conversations turn by turn, alternating which side goes first. */
async function interleave(engine: AsyncGenerator<TurnTiming>, plain: AsyncGenerator<TurnTiming>, engineFirst: boolean): Promise<Pair[]> {
  const pairs: Pair[] = [];
  for (let turn = 0; ; turn++) {
    const order = (turn % 2 === 0) === engineFirst ? [engine, plain] : [plain, engine];
    const first = await order[0]!.next();
    const second = await order[1]!.next();
    if (first.done || second.done) return pairs;
    pairs.push(order[0] === engine ? { engine: first.value, plain: second.value } : { engine: second.value, plain: first.value });
  }
}

async function main(): Promise<void> {
  const sim = await startSimulator();
  sim.rule(model);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-'));
  const store = openStore(path.join(dir, 'runs.sqlite'));
  const fixture = conversationProject(conversation);
  const steps = conversation.messages.length * 2;
  const results: Record<string, unknown> = {};
  let worst = { ratio: 0, overheadPerStepMs: 0, ttftOverheadMs: 0 };
  try {
    for (const api of ['responses', 'chat'] as Api[]) {
      const runtime = createRuntime({ store, resolveProvider: async () => ({ api, baseUrl: sim.baseURL, apiKey: 'sk-bench' }) });
      const client = new OpenAI({ apiKey: 'sk-bench', baseURL: sim.baseURL });
      const pairs: Pair[] = [];
      for (let round = 0; round < WARMUP + ROUNDS; round++) {
        const played = await interleave(engineConversation(runtime, conversation, fixture), plainConversation(client, api, conversation), round % 2 === 0);
        if (round >= WARMUP) pairs.push(...played);
      }
      await runtime.close();
      // Medians over user turns, each played by both sides back to back: load from other processes
      // on the machine hits both sides of a pair alike, so it cancels out of the comparison.
      const stepsPerTurn = steps / conversation.messages.length;
      const summary = {
        engineTurnMs: round3(median(pairs.map((p) => p.engine.totalMs))),
        plainTurnMs: round3(median(pairs.map((p) => p.plain.totalMs))),
        ratio: round3(median(pairs.map((p) => p.engine.totalMs / p.plain.totalMs))),
        overheadPerStepMs: round3(median(pairs.map((p) => (p.engine.totalMs - p.plain.totalMs) / stepsPerTurn))),
        ttftOverheadMs: round3(median(pairs.map((p) => p.engine.firstTokenMs - p.plain.firstTokenMs))),
        // Means include what medians leave out: the engine's batched database commit (about one turn in
        // six), garbage collection, and other processes' bursts, which land on either side.
        meanRatio: round3(mean(pairs.map((p) => p.engine.totalMs)) / mean(pairs.map((p) => p.plain.totalMs))),
      };
      results[api] = summary;
      console.log(`${api}: ${JSON.stringify(summary)}`);
      if (summary.ratio > worst.ratio) worst = { ratio: summary.ratio, overheadPerStepMs: summary.overheadPerStepMs, ttftOverheadMs: summary.ttftOverheadMs };
    }
  } finally {
    store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    JSON.stringify({
      benchmark: 'engine',
      ...worst,
      stepsPerConversation: steps,
      rounds: ROUNDS,
      tools: 'mock-mode functions on both sides',
      perApi: results,
      target: { ratio: 1.1, overheadPerStepMs: 2 },
      pass: worst.ratio <= 1.1 && worst.overheadPerStepMs <= 2,
    }),
  );
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

await main();
