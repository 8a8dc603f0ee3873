import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { StudioBridge } from '../../../shared/ipc/bridge.ts';
import type { AppEvent } from '../../../shared/ipc/events.ts';

// A message event without its sequence number: what a host of another version might send.
const BROKEN = {
  type: 'run.event',
  event: { runId: 'run_1', event: 'thread.message.completed', data: { id: 'msg_1', content: [{ type: 'text', text: { value: 'my private words' } }] } },
};
const VALID: AppEvent = { type: 'settings.changed' };

type Global = { window?: unknown };
let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  // The api module keeps the bridge it found first, so each test loads it afresh for its own window.
  vi.resetModules();
  errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  errors.mockRestore();
  delete (globalThis as Global).window;
});

const logged = () => errors.mock.calls.map((args: unknown[]) => args.map(String).join(' '));

describe('app events the window cannot use', () => {
  it('are logged with their type and issues, not their content, when they come over the web host socket', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/api/events' });
    await once(server, 'listening');
    (globalThis as Global).window = { location: { href: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` } };
    const { onAppEvent } = await import('../../../renderer/api/index.ts');
    const connected = once(server, 'connection') as Promise<[WebSocket]>;
    const received: AppEvent[] = [];
    const off = onAppEvent((event) => received.push(event));
    const [socket] = await connected;

    socket.send('{"type": "settings.chan');
    socket.send(JSON.stringify(BROKEN));
    socket.send(JSON.stringify(VALID));
    await vi.waitFor(() => expect(received).toEqual([VALID]));
    off();
    server.close();

    const lines = logged();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/not JSON/);
    expect(lines[1]).toMatch(/"run\.event" \("thread\.message\.completed"\).*event\.seq: /);
    expect(lines.join('\n')).not.toContain('my private words');
  });

  it('are logged the same when the Electron preload delivers them', async () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const studio: StudioBridge = {
      invoke: async () => ({ ok: true, value: {} }),
      onEvent: (listener) => {
        deliver = listener as (payload: unknown) => void;
        return () => undefined;
      },
    };
    (globalThis as Global).window = { studio };
    const { onAppEvent } = await import('../../../renderer/api/index.ts');
    const received: AppEvent[] = [];
    onAppEvent((event) => received.push(event));
    deliver(BROKEN);
    deliver(VALID);

    expect(received).toEqual([VALID]);
    const lines = logged();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"run\.event" \("thread\.message\.completed"\).*event\.seq: /);
    expect(lines[0]).not.toContain('my private words');
  });
});
