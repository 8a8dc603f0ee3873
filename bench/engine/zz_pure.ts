// temp: the engine's own cost per turn with an in-memory provider (no HTTP, no SDK)
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime } from '../../electron/engine/runtime/runtime.ts';
import { openStore } from '../../electron/engine/store/store.ts';
import type { ModelProvider, ProviderEvent } from '../../electron/engine/providers/types.ts';
import { conversationProject, engineConversation } from './engineLoop.ts';
const conversation = {
  model: 'gpt-4.1-mini', instructions: 'You are a research assistant.',
  functions: [
    { name: 'search_papers', description: 'Search papers by query.', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'], additionalProperties: false } },
    { name: 'get_citations', description: 'Citation count of a paper.', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false } },
  ],
  mockOutput: '{"results":[]}', messages: ['a', 'b', 'c', 'd', 'e'],
};
const words = 'Here is what I found: retrieval-augmented generation pairs a language model with a search step, and the most cited paper in the results is P-101 with 1234 citations.'.match(/\s*\S+/g)!;
let n = 0;
const provider: ModelProvider = {
  api: 'responses',
  async respond(request, { onEvent }) {
    await null;
    const last = request.input.at(-1);
    if (last?.type === 'function_call_output') {
      for (const w of words) { await null; onEvent({ type: 'text_delta', delta: w }); }
      onEvent({ type: 'completed', finish: 'stop', usage: { inputTokens: 500, outputTokens: 60 } });
      return;
    }
    const calls = [['search_papers', '{"query":"retrieval"}'], ['get_citations', '{"id":"P-101"}']] as const;
    for (const [i, [name, args]] of calls.entries()) {
      const callId = `call_${++n}`;
      onEvent({ type: 'tool_call_started', index: i, callId, name });
      for (const part of args.match(/.{1,8}/g)!) { await null; onEvent({ type: 'tool_call_arguments_delta', index: i, delta: part }); }
      onEvent({ type: 'tool_call_done', index: i, callId, name, arguments: args });
    }
    onEvent({ type: 'completed', finish: 'tool_calls', usage: { inputTokens: 400, outputTokens: 30 } });
  },
};
const store = openStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'p-')), 'runs.sqlite'), { flushDelayMs: Number(process.env.FD ?? 20) });
const fixture = conversationProject(conversation as any);
const runtime = createRuntime({ store, resolveProvider: async () => ({ api: 'responses', baseUrl: 'x', apiKey: 'sk' }), createProvider: () => provider });
const per: number[] = [];
for (let r = 0; r < 30; r++) {
  const t = performance.now();
  for (let i = 0; i < 40; i++) for await (const _ of engineConversation(runtime, conversation as any, fixture)) {}
  if (r >= 5) per.push((performance.now() - t) / 200 * 1000);
}
per.sort((a, b) => a - b);
console.log('engine us per turn: median', per[per.length >> 1]!.toFixed(1), 'min', per[0]!.toFixed(1));
await runtime.close(); store.close();
