import { APIUserAbortError, InternalServerError, RateLimitError } from 'openai';
import { describe, expect, it } from 'vitest';
import { request, setupSimulator } from './harness.ts';

const env = setupSimulator();
const ask = { model: 'gpt-4.1-mini', input: 'Hi' };
const chatAsk = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('HTTP faults', () => {
  it('answers 429 with retry headers; the SDK waits and retries', async () => {
    env.sim.script({ fault: { status: 429, retryAfterMs: 120 } }, { text: 'after the limit' });
    const started = performance.now();
    const response = await env.client.responses.create(ask);
    expect(response.output_text).toBe('after the limit');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(env.sim.requests.map((logged) => logged.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
  });

  it('surfaces a 500 once the SDK has used up its retries', async () => {
    env.sim.script(...Array.from({ length: 3 }, () => ({ fault: { status: 500, retryAfterMs: 0 } })));
    const failure = env.client.chat.completions.create(chatAsk);
    await expect(failure).rejects.toBeInstanceOf(InternalServerError);
    await expect(failure).rejects.toMatchObject({ status: 500, type: 'server_error' });
    expect(env.sim.requests).toHaveLength(3);
  });

  it('uses the scripted error fields', async () => {
    env.sim.script({ fault: { status: 429, message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' } });
    const failure = env.client.responses.create(ask, { maxRetries: 0 });
    await expect(failure).rejects.toBeInstanceOf(RateLimitError);
    await expect(failure).rejects.toMatchObject({
      status: 429,
      code: 'insufficient_quota',
      type: 'insufficient_quota',
      message: '429 You exceeded your current quota.',
    });
  });

  it('fails fast, without retries, when nothing is scripted', async () => {
    await expect(env.client.responses.create(ask)).rejects.toMatchObject({ status: 500, message: expect.stringContaining('no scripted turn') });
    expect(env.sim.requests).toHaveLength(1);
  });
});

describe('stream faults', () => {
  it('drops a Responses stream mid-way; the SDK stream rejects', async () => {
    env.sim.script({ text: 'this answer never finishes', fault: { dropAfterEvents: 4 } });
    const stream = env.client.responses.stream(ask);
    const seen: string[] = [];
    const consume = async (): Promise<void> => {
      for await (const event of stream) seen.push(event.type);
    };
    await expect(consume()).rejects.toThrow(/terminated/);
    expect(seen).toEqual(['response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added']);
  });

  it('drops a chat stream mid-way; the SDK stream rejects', async () => {
    env.sim.script({ text: 'one two three', fault: { dropAfterEvents: 2 } });
    const stream = env.client.chat.completions.stream(chatAsk);
    await expect(stream.finalChatCompletion()).rejects.toThrow(/terminated/);
  });

  it('drops a non-streaming request; the SDK retries the broken connection', async () => {
    env.sim.script({ text: 'lost', fault: { dropAfterEvents: 0 } }, { text: 'second try' });
    expect((await env.client.responses.create(ask)).output_text).toBe('second try');
    expect(env.sim.requests).toHaveLength(2);
  });

  it('stalls a stream until the client aborts it', async () => {
    env.sim.script({ text: 'stuck after the first words', fault: { stallAfterEvents: 5 } });
    const controller = new AbortController();
    const stream = env.client.responses.stream(ask, { signal: controller.signal });
    const seen: string[] = [];
    const consume = async (): Promise<void> => {
      for await (const event of stream) {
        seen.push(event.type);
        // Give the simulator time to send more (it must not), then abort.
        if (seen.length === 5) setTimeout(() => controller.abort(), 100);
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(5);
    expect(seen.at(-1)).toBe('response.output_text.delta');
  });

  it('waits delayMs before answering and chunkDelayMs between events', async () => {
    env.sim.script({ text: ['a', 'b', 'c'], delayMs: 80, chunkDelayMs: 20 });
    const started = performance.now();
    const stream = await env.client.chat.completions.create({ ...chatAsk, stream: true });
    const arrivals: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) arrivals.push(performance.now() - started);
    // Lower bounds only: a chunk can arrive late, never before it was sent. The role chunk comes first,
    // so "a" is the second event and "c" the fourth.
    expect(arrivals).toHaveLength(3);
    expect(arrivals[0]).toBeGreaterThanOrEqual(80 + 20);
    expect(arrivals[2]).toBeGreaterThanOrEqual(80 + 3 * 20);
  });
});

describe('routing, authentication and scripting', () => {
  it('rejects requests without a bearer key', async () => {
    const response = await request(env.sim, 'GET', '/v1/models', undefined, { authorization: '' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', param: null, code: null } });
  });

  it('answers unknown routes with 404 and an OpenAI error body', async () => {
    const response = await request(env.sim, 'POST', '/v1/nothing-here', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({
      error: { message: 'Invalid URL (POST /v1/nothing-here)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  it('gives each endpoint the first turn meant for it, then falls back to the rule', async () => {
    env.sim.script({ endpoint: 'chat', text: 'for chat' }, { text: 'for anyone' });
    env.sim.rule((logged) => ({ text: `rule saw "${logged.lastUserText}"` }));
    expect((await env.client.responses.create(ask)).output_text).toBe('for anyone');
    expect((await env.client.chat.completions.create(chatAsk)).choices[0]?.message.content).toBe('for chat');
    expect((await env.client.responses.create({ ...ask, input: 'again' })).output_text).toBe('rule saw "again"');
  });

  it('logs requests without the authorization header', async () => {
    env.sim.script({ text: 'ok' });
    await env.client.responses.create(ask);
    const [logged] = env.sim.requests;
    expect(logged?.headers.authorization).toBeUndefined();
    expect(logged?.headers['content-type']).toBe('application/json');
    expect(logged?.body).toEqual(ask);
  });

  it('rejects a model request without a model', async () => {
    const response = await request(env.sim, 'POST', '/v1/responses', { input: 'Hi' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: 'model', code: 'missing_required_parameter' } });
  });
});
