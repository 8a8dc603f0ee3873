import { request as httpRequest } from 'node:http';
import OpenAI, { InternalServerError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { echoRule, startSimulator, type Simulator } from './server.ts';

const model = 'gpt-4.1-mini';
let sim: Simulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator();
  client = new OpenAI({ apiKey: 'x', baseURL: sim.baseURL });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

const control = (method: string, route: string, body?: string, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}/__simulator/${route}`, { method, body, headers });

/** A GET through node:http, which (unlike fetch) lets the test send any Host header. */
function getWithHost(route: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${sim.url}${route}`, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('error', reject);
    req.end();
  });
}

describe('the control endpoints', { timeout: 30_000 }, () => {
  it('need no API key but answer only this machine, not a web page or another host name', async () => {
    expect((await control('GET', 'state')).status).toBe(200);
    expect((await fetch(`${sim.baseURL}/models`)).status).toBe(401);
    const fromPage = await control('GET', 'state', undefined, { origin: 'http://example.com' });
    expect(fromPage.status).toBe(403);
    expect(await fromPage.json()).toMatchObject({ error: { message: "The simulator's control endpoints do not answer web pages." } });
    expect(await getWithHost('/__simulator/state', 'rebound.example.com')).toBe(403);
    expect(await getWithHost('/__simulator/state', `localhost:${new URL(sim.url).port}`)).toBe(200);
    expect((await control('GET', 'nothing')).status).toBe(404);
  });

  it('refuse a bad script with the path inside it and leave the queue as it was', async () => {
    sim.script({ text: 'kept' });
    const bad = await control('POST', 'script', JSON.stringify({ turns: [{ text: 'fine' }, { fault: { status: 'soon' } }, { tooCalls: [] }] }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        message: 'The script is invalid: turns[1].fault.status: expected number, got string; turns[2].tooCalls: unknown field',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_script',
      },
    });
    expect((await control('POST', 'script', '[{')).status).toBe(400);
    expect((await control('POST', 'script?append=maybe', '[]')).status).toBe(400);
    expect((await control('GET', 'requests?since=-1')).status).toBe(400);
    expect(sim.pendingTurns).toBe(1);
    expect((await client.responses.create({ model, input: 'q' })).output_text).toBe('kept');
  });

  it('serve the request log as JSON, as sim.requests holds it, with null for what a request lacks', async () => {
    sim.load({ turns: [{ text: 'first' }, { text: 'second' }] });
    const first = await client.responses.create({ model, input: 'hello' });
    await client.responses.create({ model, input: [{ role: 'developer', content: 'no user here' }], previous_response_id: first.id });
    const assistant = await client.beta.assistants.create({ model, instructions: 'Be brief.' });
    sim.script({ text: 'from a run' });
    await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: 'run it' }] } });

    const served = (await (await control('GET', 'requests')).json()) as { requests: unknown[]; next: number };
    expect(served.next).toBe(3);
    // toStrictEqual: an undefined anywhere in a logged request would be missing from the JSON and fail here.
    expect(served.requests).toStrictEqual(
      sim.requests.map((logged) => ({ ...logged, lastUserText: logged.lastUserText ?? null, previousResponseId: logged.previousResponseId ?? null })),
    );
    expect(served.requests).toMatchObject([
      { endpoint: 'responses', lastUserText: 'hello', previousResponseId: null },
      { endpoint: 'responses', lastUserText: null, previousResponseId: first.id },
      { endpoint: 'assistants', lastUserText: 'run it', body: { instructions: 'Be brief.' } },
    ]);
    expect(await (await control('GET', 'requests?since=3')).json()).toEqual({ requests: [], next: 3 });
  });

  it('turn {"base64": ...} file content into bytes', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const script = [
      { codeInterpreter: { code: 'save()', files: [{ name: 'data.bin', content: { base64: bytes.toString('base64') } }] }, text: 'Saved data.bin.' },
    ];
    expect((await control('POST', 'script', JSON.stringify(script))).status).toBe(200);
    const response = await client.responses.create({ model, input: 'save it', tools: [{ type: 'code_interpreter', container: { type: 'auto' } }] });
    const call = response.output[0];
    if (call?.type !== 'code_interpreter_call') throw new Error(`expected a code_interpreter_call, got ${call?.type}`);
    const [file] = (await client.containers.files.list(call.container_id)).data;
    const content = await client.containers.files.content.retrieve(file?.id ?? '', { container_id: call.container_id });
    expect(Buffer.from(await content.arrayBuffer())).toEqual(bytes);
  });
});

describe('load() and the start rule', { timeout: 30_000 }, () => {
  it('replaces or appends turns, applies end, and reset() goes back to the start rule', async () => {
    const own = await startSimulator({ rule: (request) => ({ text: `start rule: ${request.lastUserText}` }) });
    try {
      const ownClient = new OpenAI({ apiKey: 'x', baseURL: own.baseURL });
      const ask = async (input: string) => (await ownClient.responses.create({ model, input })).output_text;
      own.script({ text: 'dropped' });
      own.load({ turns: [{ text: 'a' }] });
      own.load({ turns: [{ text: 'b' }] }, { append: true });
      expect(own.pendingTurns).toBe(2);
      expect([await ask('1'), await ask('2'), await ask('3')]).toEqual(['a', 'b', 'start rule: 3']);

      own.load({ turns: [], end: 'error' });
      await expect(ask('4')).rejects.toBeInstanceOf(InternalServerError);
      own.rule(echoRule);
      own.load({ turns: [] });
      expect(await ask('kept rule')).toBe('kept rule');
      own.load({ turns: [], end: 'echo' });
      expect(await ask('echo')).toBe('echo');
      own.reset();
      expect(await ask('5')).toBe('start rule: 5');
    } finally {
      await own.close();
    }
  });
});
