// Who may call the server and what it does with requests it cannot serve: OpenAI's error shape throughout.
import { request } from 'node:http';
import OpenAI, { AuthenticationError } from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { assertMatchesSchema } from '../simulator/spec.ts';
import { raw, startServe, type Serve } from './harness.ts';

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(async () => {
  sim.reset();
  serve = await startServe(sim, { server: { maxBodyBytes: 4096 } });
});
afterEach(() => serve.dispose());

/** A request with a Host header of our choosing (fetch does not allow setting it). */
function withHost(host: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(`${serve.server.url}/assistants`);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host, authorization: 'Bearer sk-serve-test-key' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('access', () => {
  it('answers 401 in OpenAI’s shape without a key or with a wrong one, and serves the right one', async () => {
    const wrong = new OpenAI({ baseURL: serve.server.url, apiKey: 'sk-wrong', maxRetries: 0 });
    const error = await wrong.beta.assistants.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error' });
    const missing = await raw(serve, 'GET', '/assistants', { key: null });
    expect(missing.status).toBe(401);
    assertMatchesSchema('ErrorResponse', missing.body);
    expect(missing.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    await expect(raw(serve, 'GET', '/assistants', { headers: { authorization: 'Basic abc' }, key: null })).resolves.toMatchObject({ status: 401 });
    await expect(raw(serve, 'GET', '/assistants')).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a Host header that does not name the loopback server (DNS rebinding)', async () => {
    const port = new URL(serve.server.url).port;
    await expect(withHost('evil.example:80')).resolves.toMatchObject({ status: 403, body: { error: { code: 'forbidden_host' } } });
    await expect(withHost(`localhost:${port}`)).resolves.toMatchObject({ status: 200 });
  });

  it('answers unknown paths 404, malformed JSON 400, a body over the limit 413, all in the error shape', async () => {
    const json = { 'content-type': 'application/json' };
    const unknown = await raw(serve, 'GET', '/nothing-here');
    expect(unknown).toMatchObject({ status: 404, body: { error: { message: 'Invalid URL (GET /v1/nothing-here)', type: 'invalid_request_error' } } });
    const malformed = await raw(serve, 'POST', '/assistants', { body: '{"model": "gpt-4o",', headers: json });
    expect(malformed).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', param: null } } });
    assertMatchesSchema('ErrorResponse', malformed.body);
    await expect(raw(serve, 'POST', '/assistants', { body: '["gpt-4o"]', headers: json })).resolves.toMatchObject({ status: 400 });
    const large = await raw(serve, 'POST', '/assistants', { body: JSON.stringify({ model: 'gpt-4o', instructions: 'x'.repeat(5000) }), headers: json });
    expect(large).toMatchObject({ status: 413, body: { error: { code: 'request_too_large' } } });
    expect((await serve.client.beta.assistants.list()).data).toEqual([]);
    expect(serve.errors).toEqual([]);
  });
});
