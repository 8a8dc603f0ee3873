// One bad WebSocket frame from a client with a valid token must cost that client its socket, never the
// host: each kind of malformed frame is sent over a raw TCP socket, and the host answers the next request.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebHost } from '../../electron/host/server.ts';
import { send, startTestHost } from './helpers.ts';

let running: WebHost | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** Opens the event socket by hand (a real handshake with the token), so any bytes can follow. */
function openRawSocket(port: number, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        [
          'GET /api/events HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          `Authorization: Bearer ${token}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`the upgrade was refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.on('error', () => undefined);
  });
}

/** A client frame: FIN + opcode, the mask bit and a mask key unless `unmasked`, and the payload. */
function frame(opcode: number, payload: Buffer, options: { unmasked?: boolean; rsv1?: boolean; declaredLength?: number } = {}): Buffer {
  const first = 0x80 | (options.rsv1 ? 0x40 : 0) | opcode;
  const length = options.declaredLength ?? payload.length;
  const mask = options.unmasked ? 0 : 0x80;
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, mask | length]);
  else if (length < 65536) header = Buffer.from([first, mask | 126, length >> 8, length & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = mask | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (options.unmasked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([header, key, masked]);
}

const BAD_FRAMES: Record<string, Buffer> = {
  'an unknown opcode': frame(0x3, Buffer.from('x')),
  'an unmasked client frame': frame(0x1, Buffer.from('hello'), { unmasked: true }),
  'text that is not UTF-8': frame(0x1, Buffer.from([0xff, 0xfe, 0xfd])),
  'a frame larger than the limit': frame(0x2, Buffer.alloc(16), { declaredLength: 8 * 1024 * 1024 }),
  'a reserved bit without an extension': frame(0x1, Buffer.from('x'), { rsv1: true }),
  'a fragmented control frame': Buffer.from([0x09, 0x80, 0, 0, 0, 0]),
};

describe('web host event socket', () => {
  it.each(Object.entries(BAD_FRAMES))('survives %s: that socket closes, the host answers the next request', async (_kind, bytes) => {
    const { host } = await startTestHost();
    running = host;
    const socket = await openRawSocket(host.port, host.token);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(bytes);
    await closed;
    const next = await send(host.port, {
      method: 'POST',
      path: '/api/invoke',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ channel: 'app:app/info', request: {} }),
    });
    expect(next.status).toBe(200);
    // A second socket still opens: the host is whole.
    const again = await openRawSocket(host.port, host.token);
    again.destroy();
  });
});
