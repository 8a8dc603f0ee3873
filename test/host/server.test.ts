import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/csp.ts';
import type { WebHost } from '../../electron/host/server.ts';
import type { AppEvent } from '../../shared/ipc/events.ts';
import { deeplyNestedProjectText } from '../projectEdits.ts';
import { send, startTestHost } from './helpers.ts';

let running: WebHost | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function start() {
  const started = await startTestHost();
  running = started.host;
  const { port, token } = started.host;
  const auth = { Authorization: `Bearer ${token}` };
  const invoke = (channel: string, request: unknown, headers: Record<string, string> = auth) =>
    send(port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ channel, request }),
    });
  return { ...started, port, token, auth, invoke };
}

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

const nonLoopbackAddress = (): string | undefined =>
  Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('web host', () => {
  it('listens on 127.0.0.1 only, with a random base64url token', async () => {
    const { host, port } = await start();
    expect(host.url).toBe(`http://127.0.0.1:${port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = nonLoopbackAddress();
    if (other) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: other, port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(reached).toBe(false);
    }
  });

  it('answers 401 without the token, for the API, static files and the event socket', async () => {
    const { port, invoke } = await start();
    expect((await invoke('app:app/info', {}, {})).status).toBe(401);
    expect((await send(port, { path: '/' })).status).toBe(401);
    expect((await send(port, { path: '/assets/app.js', headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await send(port, { path: '/?token=wrong' })).status).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/events`, {})).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Strict cookie from /?token= and accepts it afterwards', async () => {
    const { port, token } = await start();
    const login = await send(port, { path: `/?token=${token}` });
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/');
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`studio_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await send(port, { path: '/', headers: { Cookie: `other=1; ${cookie.split(';')[0]}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
  });

  it('serves files with their content types and the security headers', async () => {
    const { port, auth } = await start();
    const index = await send(port, { path: '/', headers: auth });
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/app.css': 'text/css; charset=utf-8',
      '/assets/editor.wasm': 'application/wasm',
      '/assets/codicon.ttf': 'font/ttf',
    };
    for (const [file, type] of Object.entries(types)) {
      const reply = await send(port, { path: file, headers: auth });
      expect(reply.status, file).toBe(200);
      expect(reply.headers['content-type'], file).toBe(type);
      expect(reply.headers['content-security-policy'], file).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await send(port, { path: '/threads/abc', headers: auth })).body).toContain('<div id="root">');
    expect((await send(port, { path: '/assets/missing.js', headers: auth })).status).toBe(404);
  });

  it('refuses path traversal', async () => {
    const { port, auth } = await start();
    for (const attempt of ['/../secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/..\\secret.txt']) {
      const reply = await send(port, { path: attempt, headers: auth });
      expect(reply.body, attempt).not.toContain('outside the static dir');
      expect([403, 404, 200], attempt).toContain(reply.status);
      if (reply.status === 200) expect(reply.body, attempt).toContain('<div id="root">');
    }
    expect((await send(port, { path: '/..%2fsecret.txt', headers: auth })).status).toBe(403);
  });

  it('refuses a foreign Origin and a wrong Host with 403, also for the event socket', async () => {
    const { port, auth, invoke } = await start();
    expect((await invoke('app:app/info', {}, { ...auth, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await invoke('app:app/info', {}, { ...auth, Origin: 'null' })).status).toBe(403);
    expect((await send(port, { path: '/', headers: { ...auth, Host: `evil.example:${port}` } })).status).toBe(403);
    expect((await send(port, { path: '/', headers: { ...auth, Host: `127.0.0.1:${port + 1}` } })).status).toBe(403);
    expect((await invoke('app:app/info', {}, { ...auth, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    expect((await send(port, { path: '/', headers: { ...auth, Host: `localhost:${port}` } })).status).toBe(200);
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api/events`, { ...auth, Origin: 'https://evil.example' })).toBe(403);
  });

  it('round-trips invoke requests and reports malformed envelopes', async () => {
    const { port, auth, invoke } = await start();
    const info = await invoke('app:app/info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toEqual({ ok: true, value: { host: 'web', version: '0.1.0-test', platform: process.platform } });
    const dialog = await invoke('app:dialog/openProject', {});
    expect(dialog.status).toBe(200);
    expect(JSON.parse(dialog.body)).toMatchObject({ ok: false, error: { code: 'E_UNSUPPORTED' } });
    const initial = JSON.parse((await invoke('app:project/initial', {})).body) as { ok: boolean; value: { firstRun: boolean } };
    expect(initial).toMatchObject({ ok: true, value: { firstRun: true } });

    const post = (body: string, type = 'application/json') =>
      send(port, { method: 'POST', path: '/api/invoke', headers: { ...auth, 'Content-Type': type }, body });
    expect((await post('{"channel": ')).status).toBe(400);
    expect((await post('{"request": {}}')).status).toBe(400);
    expect((await post('{"channel":"app:app/info","request":{}}', 'text/plain')).status).toBe(415);
    expect((await send(port, { path: '/api/invoke', headers: auth })).status).toBe(405);
  });

  it('answers the open of a project nested 5,000 levels deep with a clear error, not a 500, and refuses a request nested as deep', async () => {
    const { port, auth, invoke, dataDir } = await start();
    const file = path.join(dataDir, 'deep.assistant.json');
    await writeFile(file, deeplyNestedProjectText(5000));
    const opened = await invoke('app:project/open', { path: file });
    expect(opened.status).toBe(200);
    expect(JSON.parse(opened.body)).toMatchObject({ ok: false, error: { code: 'E_JSON_LIMIT', message: expect.stringContaining('100 levels deep') } });
    const body = `{"channel": "app:draft/save", "request": {"draftId": "d", "path": null, "project": ${deeplyNestedProjectText(5000)}}}`;
    const saved = await send(port, { method: 'POST', path: '/api/invoke', headers: { ...auth, 'Content-Type': 'application/json' }, body });
    expect(saved.status).toBe(413);
    expect(JSON.parse(saved.body)).toMatchObject({ ok: false, error: { code: 'E_JSON_LIMIT' } });
  });

  it('pushes backend events to the event socket', async () => {
    const { port, auth, backend } = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: auth });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received = new Promise<unknown>((resolve) => ws.on('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
    backend.emit({ type: 'menu.commandInvoked', command: 'file.save' });
    expect(await received).toEqual({ type: 'menu.commandInvoked', command: 'file.save' });
    ws.close();
  });

  it('drops an event outside the contract before any window sees it, and logs its type and issues without its content', async () => {
    const { port, auth, backend, log } = await start();
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: auth });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const received: unknown[] = [];
    ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString('utf8'))));
    // A producer's bug: a message event without its sequence number, carrying the user's words.
    const broken = {
      type: 'run.event',
      event: { runId: 'run_1', event: 'thread.message.completed', data: { id: 'msg_1', content: [{ type: 'text', text: { value: 'my private words' } }] } },
    };
    backend.emit(broken as unknown as AppEvent);
    backend.emit({ type: 'settings.changed' });
    await expect.poll(() => received).toEqual([{ type: 'settings.changed' }]);
    ws.close();

    const dropped = log.lines.filter((l) => l.includes('dropped'));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/^error .*"run\.event" \("thread\.message\.completed"\).*event\.seq: /);
    expect(log.lines.join('\n')).not.toContain('my private words');
  });
});
