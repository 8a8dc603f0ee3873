import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import WebSocket from 'ws';
import type { ProbedHost } from './host.ts';
import type { Figures } from './figures.ts';

interface Reply {
  status: number;
  body: string;
}

/** One raw HTTP exchange: any method, path and headers, the Host header included (fetch would not send one). */
function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, timeout: 10_000, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < 65_536) text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The status of a WebSocket upgrade: 101 when it was accepted. */
function upgrade(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    socket.on('open', () => {
      socket.terminate();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', () => resolve(0));
  });
}

/** Whether anything answers on `address:port` (the hosts must listen on loopback only). */
function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: 2_000 });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

interface AccessCase {
  name: string;
  /** Resolves with a problem, or null when access was refused as it must be. */
  run(): Promise<string | null>;
}

const LEAKS = [/root:.*:0:0:/, /"ok":true/, /PRIVATE KEY/];

/** Refused with one of `statuses`, and nothing in the body that only an admitted request could see. */
const refused = (reply: Reply | number, statuses: readonly number[]): string | null => {
  const status = typeof reply === 'number' ? reply : reply.status;
  if (!statuses.includes(status)) return `answered ${status}, expected ${statuses.join(' or ')}`;
  if (typeof reply !== 'number' && LEAKS.some((leak) => leak.test(reply.body))) return `answered ${status} with content it must not show`;
  return null;
};

/**
 * The web host's and the Assistants API server's doors: token, Host (DNS rebinding), Origin, simple
 * cross-site requests, the event socket, traversal out of the static folder, and the bound address.
 */
export async function probeAccess(host: ProbedHost, serve: { port: number; key: string } | null): Promise<Figures> {
  const { port, token } = host;
  const self = `127.0.0.1:${port}`;
  const invoke = JSON.stringify({ channel: 'app:settings/get', request: {} });
  const json = { 'content-type': 'application/json', host: self };
  const bearer = `Bearer ${token}`;
  const cases: AccessCase[] = [
    { name: 'page without token', run: async () => refused(await raw(port, 'GET', '/', { host: self }), [401]) },
    { name: 'page with a wrong token', run: async () => refused(await raw(port, 'GET', `/?token=${token.slice(1)}x`, { host: self }), [401]) },
    { name: 'token by POST to the page', run: async () => refused(await raw(port, 'POST', `/?token=${token}`, { host: self }), [401]) },
    { name: 'invoke without token', run: async () => refused(await raw(port, 'POST', '/api/invoke', json, invoke), [401]) },
    {
      name: 'invoke with a wrong bearer',
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, authorization: 'Bearer x' }, invoke), [401]),
    },
    {
      name: 'invoke with an empty bearer',
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, authorization: 'Bearer ' }, invoke), [401]),
    },
    {
      name: 'invoke with a token prefix',
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, authorization: `Bearer ${token.slice(0, 20)}` }, invoke), [401]),
    },
    {
      name: 'invoke with a wrong cookie',
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, cookie: 'studio_token=nope' }, invoke), [401]),
    },
    { name: 'invoke with the token in the query', run: async () => refused(await raw(port, 'POST', `/api/invoke?token=${token}`, json, invoke), [401]) },
    {
      name: 'invoke by basic auth',
      run: async () =>
        refused(await raw(port, 'POST', '/api/invoke', { ...json, authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` }, invoke), [401]),
    },
  ];
  // DNS rebinding: a foreign name that resolves here, with the right token.
  for (const name of [
    'evil.example',
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `127.0.0.1:${port + 1}`,
    `[::ffff:127.0.0.1]:${port}`,
    `localhost.:${port}`,
  ]) {
    cases.push({
      name: `foreign Host "${name}"`,
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, host: name, authorization: bearer }, invoke), [403, 400]),
    });
  }
  for (const origin of ['http://evil.example', 'null', `http://localhost:${port + 1}`, `https://127.0.0.1:${port}`, 'file://']) {
    cases.push({
      name: `foreign Origin "${origin}"`,
      run: async () => refused(await raw(port, 'POST', '/api/invoke', { ...json, origin, authorization: bearer }, invoke), [403]),
    });
  }
  // A cross-site form or fetch without preflight can send only simple content types (and the cookie).
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
    cases.push({
      name: `simple request as "${type}"`,
      run: async () =>
        refused(await raw(port, 'POST', '/api/invoke', { host: self, 'content-type': type, cookie: `studio_token=${token}` }, invoke), [415, 403]),
    });
  }
  cases.push(
    { name: 'invoke by GET', run: async () => refused(await raw(port, 'GET', '/api/invoke', { host: self, authorization: bearer }), [405]) },
    { name: 'unknown API path', run: async () => refused(await raw(port, 'POST', '/api/settings', { ...json, authorization: bearer }, invoke), [404, 405]) },
    {
      name: 'oversized body',
      run: async () =>
        refused(await raw(port, 'POST', '/api/invoke', { ...json, authorization: bearer, 'content-length': String(50 * 1024 * 1024) }), [413, 400]),
    },
  );
  for (const [name, headers] of [
    ['without token', {}],
    ['with a wrong token', { authorization: 'Bearer nope' }],
    ['from a foreign Origin', { authorization: bearer, origin: 'http://evil.example' }],
    ['with a foreign Host', { authorization: bearer, host: 'evil.example' }],
  ] as const) {
    cases.push({ name: `event socket ${name}`, run: async () => refused(await upgrade(port, '/api/events', headers), [401, 403]) });
  }
  cases.push({ name: 'socket on another path', run: async () => refused(await upgrade(port, '/api/other', { authorization: bearer }), [404]) });
  for (const path of [
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/assets/..%5c..%5c..%5cetc%5cpasswd',
    '//etc/passwd',
    '/index.html%00.png',
    '/.%2e/.%2e/etc/passwd',
    `/${'../'.repeat(30)}etc/passwd`,
  ]) {
    // Paths without an extension get the app's page (it routes in the browser); anything else must be refused.
    cases.push({
      name: `traversal ${path.slice(0, 40)}`,
      run: async () => {
        const reply = await raw(port, 'GET', path, { host: self, authorization: bearer });
        if (reply.status === 200 && reply.body.includes('<title>probe</title>')) return null;
        return refused(reply, [400, 403, 404]);
      },
    });
  }
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
    .map((i) => i!.address);
  for (const address of outside) {
    cases.push({ name: `web host on ${address}`, run: async () => ((await reachable(address, port)) ? 'answers on a non-loopback address' : null) });
  }

  if (serve !== null) {
    const api = (headers: Record<string, string>) => raw(serve.port, 'GET', '/v1/assistants', { host: `127.0.0.1:${serve.port}`, ...headers });
    cases.push(
      { name: 'Assistants API without key', run: async () => refused(await api({}), [401]) },
      { name: 'Assistants API with a wrong key', run: async () => refused(await api({ authorization: 'Bearer sk-wrong' }), [401]) },
      { name: 'Assistants API with the web token', run: async () => refused(await api({ authorization: bearer }), [401]) },
      { name: 'Assistants API with a key prefix', run: async () => refused(await api({ authorization: `Bearer ${serve.key.slice(0, 10)}` }), [401]) },
      {
        name: 'Assistants API with a foreign Host',
        run: async () => refused(await api({ authorization: `Bearer ${serve.key}`, host: 'evil.example' }), [403, 400]),
      },
      {
        name: 'Assistants API key in the query',
        run: async () => refused(await raw(serve.port, 'GET', `/v1/assistants?api_key=${serve.key}`, { host: `127.0.0.1:${serve.port}` }), [401]),
      },
    );
    for (const address of outside) {
      cases.push({
        name: `Assistants API on ${address}`,
        run: async () => ((await reachable(address, serve.port)) ? 'answers on a non-loopback address' : null),
      });
    }
    // The one that must get in, so a server that refuses everything does not pass.
    cases.push({
      name: 'Assistants API with its key',
      run: async () => {
        const reply = await api({ authorization: `Bearer ${serve.key}` });
        return reply.status === 200 ? null : `refused its own key (${reply.status})`;
      },
    });
  }
  cases.push({
    name: 'invoke with the token',
    run: async () => {
      const reply = await raw(port, 'POST', '/api/invoke', { ...json, authorization: bearer }, invoke);
      return reply.status === 200 && reply.body.includes('"ok":true') ? null : `refused its own token (${reply.status})`;
    },
  });

  const problems: string[] = [];
  for (const c of cases) {
    const problem = await c.run().catch((error: unknown) => `the probe failed: ${error instanceof Error ? error.message : String(error)}`);
    if (problem !== null) problems.push(`${c.name}: ${problem}`);
  }
  return { tried: cases.length, failed: problems.length, problems };
}
