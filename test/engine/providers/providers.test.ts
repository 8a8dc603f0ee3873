import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProvider, ProviderFailure, type ModelProvider, type ModelRequest, type ProviderEvent } from '../../../electron/engine/providers/index.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const request = (over: Partial<ModelRequest> = {}): ModelRequest => ({
  model: 'gpt-4.1-mini',
  instructions: 'Be brief.',
  input: [{ type: 'message', role: 'user', text: 'Hello' }],
  tools: [],
  temperature: null,
  topP: null,
  maxOutputTokens: null,
  responseFormat: { type: 'text' },
  toolChoice: 'auto',
  parallelToolCalls: true,
  ...over,
});

async function collect(provider: ModelProvider, input: ModelRequest, signal: AbortSignal): Promise<ProviderEvent[]> {
  const out: ProviderEvent[] = [];
  await provider.respond(input, { signal, onEvent: (e) => out.push(e), idleTimeoutMs: 10_000 });
  return out;
}

const failureOf = async (provider: ModelProvider, input: ModelRequest, signal: AbortSignal): Promise<unknown> =>
  collect(provider, input, signal).then(
    () => null,
    (e: unknown) => e,
  );

describe.each(['responses', 'chat'] as const)('%s provider', (api) => {
  const provider = () => createProvider({ api, baseUrl: sim.baseURL, apiKey: 'sk-test', maxRetries: 2 });
  const signal = () => new AbortController().signal;

  it('streams text deltas, then completion with usage', async () => {
    sim.script({ text: ['Hi', ' there', '!'], usage: { input_tokens: 7, output_tokens: 3 } });
    const events = await collect(provider(), request(), signal());
    expect(events.filter((e) => e.type === 'text_delta').map((e) => e.delta)).toEqual(['Hi', ' there', '!']);
    expect(events.at(-1)).toEqual({ type: 'completed', finish: 'stop', usage: { inputTokens: 7, outputTokens: 3 } });
  });

  it('streams parallel tool calls with their arguments and sends the tools', async () => {
    sim.script({
      toolCalls: [
        { name: 'a', arguments: { x: 1 }, id: 'call_1' },
        { name: 'b', arguments: { y: 'two' }, id: 'call_2' },
      ],
    });
    const tools = [
      { name: 'a', description: 'A', parameters: { type: 'object', properties: {} }, strict: false },
      { name: 'b', description: 'B', parameters: { type: 'object', properties: {} }, strict: false },
    ];
    const events = await collect(provider(), request({ tools }), signal());
    const done = events.filter((e) => e.type === 'tool_call_done');
    expect(done.map((e) => [e.callId, e.name, JSON.parse(e.arguments)])).toEqual([
      ['call_1', 'a', { x: 1 }],
      ['call_2', 'b', { y: 'two' }],
    ]);
    expect(events.filter((e) => e.type === 'tool_call_started')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'completed', finish: 'tool_calls' });
    const body = sim.requests[0]!.body;
    expect(body.tools).toHaveLength(2);
    expect(body.stream).toBe(true);
  });

  it("sends tool calls and their outputs back in the API's own shape", async () => {
    sim.script({ text: 'ok' });
    const input = request({
      input: [
        { type: 'message', role: 'user', text: 'go' },
        { type: 'function_call', callId: 'call_9', name: 'a', arguments: '{}' },
        { type: 'function_call_output', callId: 'call_9', output: '42' },
      ],
    });
    await collect(provider(), input, signal());
    expect(sim.requests[0]!.toolOutputs).toEqual([{ callId: 'call_9', output: '42' }]);
  });

  it('retries a 429 through the SDK and then succeeds', async () => {
    sim.script({ fault: { status: 429, retryAfterMs: 10 } }, { text: 'after the limit' });
    const events = await collect(provider(), request(), signal());
    expect(events.at(-1)).toMatchObject({ type: 'completed', finish: 'stop' });
    expect(sim.requests).toHaveLength(2);
  });

  it('fails with server_error once a 500 outlasts the retries', async () => {
    const fault = { status: 500, retryAfterMs: 0 };
    sim.script({ fault }, { fault }, { fault });
    const error = await failureOf(provider(), request(), signal());
    expect(error).toBeInstanceOf(ProviderFailure);
    expect(error).toMatchObject({ code: 'server_error', status: 500 });
    expect(sim.requests).toHaveLength(3);
  });

  it('fails with stream_interrupted when the stream is cut', async () => {
    sim.script({ text: 'one two three four five six', fault: { dropAfterEvents: 4 } });
    const error = await failureOf(provider(), request(), signal());
    expect(error).toMatchObject({ code: 'stream_interrupted' });
  });

  it('gives up a stream that goes quiet for the idle timeout, saying so', async () => {
    sim.script({ text: 'one two three four five six', fault: { stallAfterEvents: 3 } });
    const started = performance.now();
    const error = await provider()
      .respond(request(), { signal: signal(), onEvent: () => undefined, idleTimeoutMs: 300 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ProviderFailure);
    expect(error).toMatchObject({ code: 'stream_interrupted', message: expect.stringContaining('sent nothing for 0.3 s') });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('lets a slow stream go on for longer than the idle timeout while each event comes within it', async () => {
    sim.script({ text: ['a', ' b', ' c', ' d', ' e', ' f', ' g'], chunkDelayMs: 120 });
    const out: ProviderEvent[] = [];
    await provider().respond(request(), { signal: signal(), onEvent: (e) => out.push(e), idleTimeoutMs: 400 });
    expect(out.filter((e) => e.type === 'text_delta').map((e) => e.delta)).toEqual(['a', ' b', ' c', ' d', ' e', ' f', ' g']);
  });

  it('rejects a bad key as authentication_failed without retrying', async () => {
    sim.script({ fault: { status: 401, message: 'Incorrect API key provided' } });
    const error = await failureOf(provider(), request(), signal());
    expect(error).toMatchObject({ code: 'authentication_failed', message: expect.stringContaining('Incorrect API key') });
    expect(sim.requests).toHaveLength(1);
  });

  it('stops when aborted, with the abort reason', async () => {
    sim.script({ text: 'a b c d e f g h', chunkDelayMs: 100 });
    const controller = new AbortController();
    const reason = new Error('stop now');
    setTimeout(() => controller.abort(reason), 150);
    expect(await failureOf(provider(), request(), controller.signal)).toBe(reason);
  });

  it('stops at once while the response has not started yet', async () => {
    // Far longer than the test may take: a provider that waited for the response would time out.
    sim.script({ text: 'late', delayMs: 60_000 });
    const controller = new AbortController();
    const reason = new Error('stop before the answer');
    setTimeout(() => controller.abort(reason), 100);
    expect(await failureOf(provider(), request(), controller.signal)).toBe(reason);
  });

  it('stops when the signal was aborted before the call, without sending a request', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already stopped'));
    expect(await failureOf(provider(), request(), controller.signal)).toMatchObject({ message: 'already stopped' });
    expect(sim.requests).toHaveLength(0);
  });

  it("passes an error thrown by the caller's own event handling through unchanged, and stops the stream", async () => {
    sim.script({ text: 'a b c d e f g h', chunkDelayMs: 20 });
    const own = new Error('the recorder broke');
    let seen = 0;
    const error = await provider()
      .respond(request(), {
        signal: signal(),
        idleTimeoutMs: 10_000,
        onEvent: () => {
          seen += 1;
          throw own;
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBe(own);
    expect(error).not.toBeInstanceOf(ProviderFailure);
    expect(seen).toBe(1);
  });
});

describe('provider errors', () => {
  it('never carry the API key, even when the server echoes it', async () => {
    sim.reset();
    sim.script({ fault: { status: 401, message: 'Incorrect API key provided: sk-secret-123.' } });
    const provider = createProvider({ api: 'chat', baseUrl: sim.baseURL, apiKey: 'sk-secret-123', maxRetries: 0 });
    const error = await failureOf(provider, request(), new AbortController().signal);
    expect(error).toMatchObject({ code: 'authentication_failed' });
    expect((error as Error).message).not.toContain('sk-secret-123');
    expect((error as Error).message).toContain('[API key]');
  });
});
