import { createServer, type ServerResponse } from 'node:http';
import { createNode } from '../../../shared/graph/nodes.ts';
import type { GraphEdge } from '../../../shared/graph/project.ts';
import type { ToolCall } from '../../../shared/runtime/steps.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { withElements } from '../../projectEdits.ts';
import { APIS, assistantTexts, harness, projectWith, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

// Each handler announces itself to a server that answers nobody until both arrived: both finish only if
// they run at the same time. (Handlers share nothing else: each has a sandbox of its own.)
const RENDEZVOUS = `export default async function handler(args: { url: string; me: string }, ctx: { fetch: typeof fetch }) {
  return (await ctx.fetch(args.url + '/' + args.me)).json();
}`;

const parameters = {
  type: 'object',
  properties: { url: { type: 'string' }, me: { type: 'string' } },
  required: ['url', 'me'],
  additionalProperties: false,
};

/** A server where `/a` and `/b` each wait for the other; after 5 s alone, a call fails. */
async function rendezvous(): Promise<{ url: string; close(): Promise<void> }> {
  const waiting = new Map<string, ServerResponse>();
  const server = createServer((req, res) => {
    const me = req.url!.slice(1);
    const other = me === 'a' ? 'b' : 'a';
    const partner = waiting.get(other);
    if (partner) {
      waiting.delete(other);
      partner.end(JSON.stringify({ met: me }));
      res.end(JSON.stringify({ met: other }));
      return;
    }
    waiting.set(me, res);
    setTimeout(() => {
      if (waiting.get(me) !== res) return;
      waiting.delete(me);
      res.statusCode = 500;
      res.end('{"error":"the other handler never came"}');
    }, 5000).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.each(APIS)('tool calls over %s', (api) => {
  let h: Harness;
  beforeEach(() => {
    sim.reset();
    h = harness(sim, api);
  });
  afterEach(() => h.dispose());

  const runWith = async (fixture: ReturnType<typeof projectWith>, message = 'go') => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    const run = await h.runtime.runs.create({ project: fixture.project, assistantNodeId: fixture.assistantId, threadId: thread.id, message, trusted: true });
    return { thread, run };
  };
  const toolCallsOf = (runId: string): ToolCall[] =>
    h.runtime.runs.steps(runId).flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []));
  const outputsSent = (request: number) => sim.requests[request]!.toolOutputs.map((o) => o.output);

  it('runs two parallel calls concurrently', async () => {
    const meeting = await rendezvous();
    try {
      const fixture = projectWith([
        { name: 'left', parameters, handler: RENDEZVOUS, network: true },
        { name: 'right', parameters, handler: RENDEZVOUS, network: true },
      ]);
      sim.script(
        {
          toolCalls: [
            { name: 'left', arguments: { url: meeting.url, me: 'a' } },
            { name: 'right', arguments: { url: meeting.url, me: 'b' } },
          ],
        },
        { text: 'Both met.' },
      );
      const { run } = await runWith(fixture);
      expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
      expect(outputsSent(1)).toEqual(['{"met":"b"}', '{"met":"a"}']);
      expect(toolCallsOf(run.id)).toHaveLength(2);
    } finally {
      await meeting.close();
    }
  });

  // Only the hanging handler gets the short time limit, so a busy machine cannot turn the others into timeouts.
  it.each([
    ['throws', 'export default async function handler() { throw new Error("kaput"); }', 'handler_threw', 'kaput', 20],
    ['hangs', 'export default async function handler() { await new Promise(() => {}); }', 'timeout', 'did not finish within 1 s', 1],
    [
      'exhausts memory',
      'export default async function handler() { const a: number[][] = []; while (true) a.push(new Array(1e6).fill(1)); }',
      'out_of_memory',
      'memory limit',
      20,
    ],
    ['exits', 'export default async function handler() { process.exit(7); }', 'exited', 'code 7', 20],
  ])('carries on when a handler %s, telling the model what happened', async (_, handler, code, words, timeoutSeconds) => {
    const fixture = projectWith([{ name: 'fragile', handler, timeoutSeconds }]);
    sim.script({ toolCalls: [{ name: 'fragile', arguments: { x: 1 } }] }, { text: 'The tool failed.' });
    const { thread, run } = await runWith(fixture);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(JSON.parse(outputsSent(1)[0]!)).toMatchObject({ error: code, message: expect.stringContaining(words) });
    expect(toolCallsOf(run.id)[0]).toMatchObject({ error: { code } });
    expect(assistantTexts(h.runtime, thread.id)).toEqual(['The tool failed.']);
  });

  it('waits in requires_action for an "ask me" Function and continues with the submitted output', async () => {
    const fixture = projectWith([
      { name: 'ask_user', mode: 'ask' },
      { name: 'auto', mode: 'mock', mockOutput: 'auto-output' },
    ]);
    sim.script(
      {
        toolCalls: [
          { name: 'ask_user', arguments: { x: 1 }, id: 'call_ask' },
          { name: 'auto', arguments: { x: 2 }, id: 'call_auto' },
        ],
      },
      { text: 'Thanks.' },
    );
    const { run } = await runWith(fixture);
    const waiting = await h.runtime.runs.wait(run.id, { untilAction: true });
    expect(waiting.status).toBe('requires_action');
    expect(waiting.required_action?.submit_tool_outputs.tool_calls).toEqual([
      { id: 'call_ask', type: 'function', function: { name: 'ask_user', arguments: '{"x":1}' } },
    ]);
    expect(h.runtime.runs.get(run.id).status).toBe('requires_action');
    expect(() => h.runtime.runs.submitToolOutputs(run.id, [])).toThrow(/missing outputs for call_ask/);
    h.runtime.runs.submitToolOutputs(run.id, [{ tool_call_id: 'call_ask', output: 'typed by the user' }]);
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'completed', required_action: null });
    expect(outputsSent(1)).toEqual(['typed by the user', 'auto-output']);
    const names = h.events.filter((e) => e.runId === run.id && e.event.startsWith('thread.run.') && !e.event.startsWith('thread.run.step')).map((e) => e.event);
    expect(names).toEqual([
      'thread.run.created',
      'thread.run.queued',
      'thread.run.in_progress',
      'thread.run.requires_action',
      'thread.run.in_progress',
      'thread.run.completed',
    ]);
  });

  it("offers a hosted File Search node as OpenAI's own tool over Responses, and as a local function over Chat Completions", async () => {
    const bare = projectWith([]);
    const fileSearch = createNode('fileSearch', { x: 0, y: 0 }, { index: 'openai', vectorStoreIds: ['vs_1'] });
    const edge = { id: 'e_fs', source: fileSearch.id, sourcePort: 'tool', target: bare.assistantId, targetPort: 'tools' } as GraphEdge;
    const fixture = { ...bare, project: withElements(bare.project, [fileSearch], [edge]) };
    if (api === 'responses') {
      sim.script({ text: 'Nothing to search.' });
      const { run } = await runWith(fixture);
      expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
      const tools = sim.requests[0]!.body.tools as { type: string; vector_store_ids?: string[] }[];
      expect(tools).toHaveLength(1);
      expect(tools[0]!.type).toBe('file_search');
      expect(tools[0]!.vector_store_ids).toContain('vs_1');
      return;
    }
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'rag' } }] }, { text: 'Searched locally.' });
    const { run } = await runWith(fixture);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    const offered = (sim.requests[0]!.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(offered).toEqual(['file_search']);
    expect(outputsSent(1)[0]).toContain('the local index of the same Knowledge was searched instead');
    expect(toolCallsOf(run.id)[0]).toMatchObject({ type: 'file_search', node_id: fileSearch.id, error: null });
  });

  it('answers calls to unknown tools and calls with broken arguments with outputs that say so', async () => {
    const fixture = projectWith([{ name: 'real', handler: 'export default async () => { throw new Error("must not run"); }' }]);
    sim.script(
      {
        toolCalls: [
          { name: 'imaginary', arguments: {} },
          { name: 'real', arguments: '{"x": 1,' },
        ],
      },
      { text: 'Sorry.' },
    );
    const { run } = await runWith(fixture);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(outputsSent(1).map((o) => JSON.parse(o).error)).toEqual(['unknown_tool', 'invalid_arguments']);
    expect(toolCallsOf(run.id).map((c) => c.error?.code)).toEqual(['unknown_tool', 'invalid_arguments']);
  });

  it('ends the run incomplete when the model keeps calling tools past the round cap', async () => {
    await h.dispose();
    h = harness(sim, api, { maxToolRounds: 2 });
    const fixture = projectWith([{ name: 'again', mode: 'mock', mockOutput: 'more' }]);
    sim.rule(() => ({ toolCalls: [{ name: 'again', arguments: { x: 1 } }] }));
    const { run } = await runWith(fixture);
    const final = await h.runtime.runs.wait(run.id);
    expect(final).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_tool_rounds' } });
    expect(sim.requests).toHaveLength(3);
    expect(h.runtime.runs.steps(run.id).map((s) => s.status)).toEqual(['completed', 'completed', 'cancelled']);
  });
});
