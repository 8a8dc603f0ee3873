// The Assistants API server's cost: the tutorial flow (thread, message, run with one function call, the
// output submitted, the answer streamed) through the server with the official SDK, against the same turns
// run by the runtime in-process; then many streaming runs at once. The simulator answers at once.
// Usage: node bench/serve/run.ts [rounds] [concurrent]   (last line: one JSON object)
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { createRuntime, openStore, type Runtime } from '../../electron/engine/index.ts';
import { compileRun } from '../../electron/serve/compile.ts';
import { createAssistantsServer } from '../../electron/serve/server.ts';
import { startSimulator, type ModelRequest } from '../../test/simulator/server.ts';
import { percentile, round2 } from '../lib/stats.ts';

const ROUNDS = Number(process.argv[2] ?? 201);
const CONCURRENT = Number(process.argv[3] ?? 64);
const WARMUP = 10;
const KEY = 'sk-bench';
const QUESTION = 'What is the weather in Paris?';
const WEATHER = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The current weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
};

// A model that calls the function once, then answers from its output in a few streamed pieces.
function model(request: ModelRequest) {
  const messages = request.body.messages as { role: string }[];
  if (messages.at(-1)?.role === 'tool') return { text: ['It is ', 'sunny ', 'in Paris, ', '21 degrees.'], usage: { input_tokens: 120, output_tokens: 12 } };
  return { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }], usage: { input_tokens: 100, output_tokens: 10 } };
}

/** The tutorial flow over HTTP with the official SDK; resolves with its wall time in ms and the answer. */
async function overHttp(client: OpenAI, assistantId: string): Promise<{ ms: number; answer: string }> {
  const started = performance.now();
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: QUESTION }] });
  const run = await client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId }).finalRun();
  const calls = run.required_action?.submit_tool_outputs.tool_calls ?? [];
  let answer = '';
  const stream = client.beta.threads.runs.submitToolOutputsStream(run.id, {
    thread_id: thread.id,
    tool_outputs: calls.map((c) => ({ tool_call_id: c.id, output: '{"sky":"sunny","celsius":21}' })),
  });
  stream.on('textDelta', (delta) => {
    answer += delta.value ?? '';
  });
  const final = await stream.finalRun();
  if (final.status !== 'completed') throw new Error(`the run over HTTP ended ${final.status}`);
  return { ms: performance.now() - started, answer };
}

/** The flow over plain HTTP without the SDK (fetch, the stream read whole): what the server and HTTP cost alone. */
async function overFetch(base: string, assistantId: string): Promise<{ ms: number; answer: string }> {
  const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'openai-beta': 'assistants=v2' };
  const post = async (pathname: string, body: unknown): Promise<string> => {
    const response = await fetch(`${base}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
    return response.text();
  };
  const events = (text: string): { event: string; data: Record<string, unknown> }[] =>
    text
      .split('\n\n')
      .map((frame) => /^event: (.+)\ndata: (.+)$/s.exec(frame))
      .filter((m): m is RegExpExecArray => m !== null && m[2] !== '[DONE]')
      .map((m) => ({ event: m[1]!, data: JSON.parse(m[2]!) as Record<string, unknown> }));
  const started = performance.now();
  const thread = JSON.parse(await post('/threads', { messages: [{ role: 'user', content: QUESTION }] })) as { id: string };
  const first = events(await post(`/threads/${thread.id}/runs`, { assistant_id: assistantId, stream: true }));
  const waiting = first.find((e) => e.event === 'thread.run.requires_action')?.data as {
    id: string;
    required_action: { submit_tool_outputs: { tool_calls: { id: string }[] } };
  };
  const outputs = waiting.required_action.submit_tool_outputs.tool_calls.map((c) => ({ tool_call_id: c.id, output: '{"sky":"sunny","celsius":21}' }));
  const second = events(await post(`/threads/${thread.id}/runs/${waiting.id}/submit_tool_outputs`, { tool_outputs: outputs, stream: true }));
  const answer = second
    .filter((e) => e.event === 'thread.message.delta')
    .map((e) => (e.data as { delta: { content: { text: { value: string } }[] } }).delta.content.map((c) => c.text.value).join(''))
    .join('');
  if (!second.some((e) => e.event === 'thread.run.completed')) throw new Error('the run over fetch did not complete');
  return { ms: performance.now() - started, answer };
}

/** The same flow on the runtime in-process, with the configuration the server compiles for the assistant. */
async function inProcess(runtime: Runtime, assistantId: string): Promise<{ ms: number; answer: string }> {
  const started = performance.now();
  const assistant = runtime.assistants.get(assistantId);
  const thread = runtime.threads.create({});
  runtime.messages.create(thread.id, { role: 'user', content: [{ type: 'text', text: { value: QUESTION, annotations: [] } }] });
  const config = compileRun(
    assistant,
    {},
    { assistant: assistant.tool_resources, thread, messages: runtime.messages.list(thread.id), indexStoreOf: (id) => id },
    (name) => name,
  );
  const run = await runtime.runs.create({ assistant: config, providerId: 'sim', threadId: thread.id, message: null, trusted: false });
  const waiting = await runtime.runs.wait(run.id, { untilAction: true });
  const calls = waiting.required_action?.submit_tool_outputs.tool_calls ?? [];
  runtime.runs.submitToolOutputs(
    run.id,
    calls.map((c) => ({ tool_call_id: c.id, output: '{"sky":"sunny","celsius":21}' })),
  );
  const final = await runtime.runs.wait(run.id);
  if (final.status !== 'completed') throw new Error(`the run in-process ended ${final.status}`);
  const text = runtime.messages.list(thread.id).at(-1)?.content[0];
  return { ms: performance.now() - started, answer: text?.type === 'text' ? text.text.value : '' };
}

async function main(): Promise<void> {
  const sim = await startSimulator();
  sim.rule(model);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-serve-'));
  const store = openStore(path.join(dir, 'runs.sqlite'));
  const runtime = createRuntime({ store, resolveProvider: async () => ({ api: 'chat', baseUrl: sim.baseURL, apiKey: 'sk-sim', maxRetries: 0 }) });
  const server = await createAssistantsServer({ runtime, providerId: 'sim', resolveModel: (name) => name, key: KEY });
  const client = new OpenAI({ baseURL: server.url, apiKey: KEY, maxRetries: 0 });
  const assistant = await client.beta.assistants.create({ model: 'gpt-4o', instructions: 'Answer about the weather.', tools: [WEATHER] });

  // Paired rounds, alternating which side goes first, so the machine's drift falls on both alike.
  const added: number[] = [];
  const addedRaw: number[] = [];
  const http: number[] = [];
  const fetched: number[] = [];
  const local: number[] = [];
  for (let round = 0; round < ROUNDS + WARMUP; round++) {
    // The three sides in a rotating order, so the machine's drift falls on all of them alike.
    const sides = [() => overHttp(client, assistant.id), () => overFetch(server.url, assistant.id), () => inProcess(runtime, assistant.id)];
    const order = [0, 1, 2].map((i) => (i + round) % 3);
    const results: { ms: number; answer: string }[] = [];
    for (const i of order) results[i] = await sides[i]!();
    const [viaSdk, viaFetch, viaRuntime] = results as [{ ms: number; answer: string }, { ms: number; answer: string }, { ms: number; answer: string }];
    for (const other of [viaSdk, viaFetch]) {
      if (other.answer !== viaRuntime.answer) throw new Error(`the answers differ: "${other.answer}" and "${viaRuntime.answer}"`);
    }
    if (round < WARMUP) continue;
    http.push(viaSdk.ms);
    fetched.push(viaFetch.ms);
    local.push(viaRuntime.ms);
    added.push(viaSdk.ms - viaRuntime.ms);
    addedRaw.push(viaFetch.ms - viaRuntime.ms);
  }

  // Many clients at once: each a thread with a streamed run, all answers complete and none lost.
  let errors = 0;
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: CONCURRENT }, () => overHttp(client, assistant.id)));
  const seconds = (performance.now() - started) / 1000;
  for (const result of results) if (result.status === 'rejected' || result.value.answer !== 'It is sunny in Paris, 21 degrees.') errors++;

  const summary = {
    benchmark: 'serve',
    rounds: ROUNDS,
    httpRunMs: { p50: round2(percentile(http, 50)), p95: round2(percentile(http, 95)) },
    inProcessRunMs: { p50: round2(percentile(local, 50)), p95: round2(percentile(local, 95)) },
    addedMs: { p50: round2(percentile(added, 50)), p95: round2(percentile(added, 95)) },
    // Without the SDK's stream helpers on the client: the server's and HTTP's own share of addedMs.
    fetchRunMs: { p50: round2(percentile(fetched, 50)), p95: round2(percentile(fetched, 95)) },
    addedWithoutSdkMs: { p50: round2(percentile(addedRaw, 50)), p95: round2(percentile(addedRaw, 95)) },
    ratio: round2(percentile(http, 50) / percentile(local, 50)),
    concurrent: CONCURRENT,
    runsPerSecond: round2(CONCURRENT / seconds),
    errors,
    target: { addedP95Ms: 5, errors: 0 },
    pass: percentile(added, 95) <= 5 && errors === 0,
  };
  console.log(
    `tutorial flow: ${summary.httpRunMs.p50} ms with the SDK over HTTP vs ${summary.inProcessRunMs.p50} ms in-process (median; added p50 ${summary.addedMs.p50} ms, p95 ${summary.addedMs.p95} ms)`,
  );
  console.log(`without the SDK (fetch): ${summary.fetchRunMs.p50} ms (added p50 ${summary.addedWithoutSdkMs.p50} ms, p95 ${summary.addedWithoutSdkMs.p95} ms)`);
  console.log(`${CONCURRENT} concurrent streaming runs: ${summary.runsPerSecond} runs/s, ${errors} errors`);
  console.log(JSON.stringify(summary));
  await server.close();
  await runtime.close();
  store.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
