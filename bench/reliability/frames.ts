import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { Figures } from './figures.ts';
import type { ProbedHost } from './host.ts';

/** A client frame: FIN and opcode, then the length, the mask and the masked payload (clients must mask). */
function frame(opcode: number, payload: Buffer, options: { fin?: boolean; rsv?: number; mask?: boolean; length?: bigint } = {}): Buffer {
  const { fin = true, rsv = 0, mask = true } = options;
  const length = options.length ?? BigInt(payload.length);
  const head = [(fin ? 0x80 : 0) | (rsv << 4) | opcode];
  const maskBit = mask ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65_536n) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(Number(length));
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(length);
  }
  const key = mask ? randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(payload);
  if (mask) for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), extended, key, body]);
}

const close = (code: number): Buffer => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return payload;
};

/** The bad frames a client can send once its socket is open. */
const BAD_FRAMES: Record<string, () => Buffer> = {
  'reserved opcode': () => frame(0x3, Buffer.from('x')),
  'reserved bits': () => frame(0x1, Buffer.from('x'), { rsv: 0b111 }),
  'unmasked frame': () => frame(0x1, Buffer.from('hello'), { mask: false }),
  'invalid UTF-8 text': () => frame(0x1, Buffer.from([0xff, 0xfe, 0xc0, 0x80])),
  'oversized frame (1 MB)': () => frame(0x2, Buffer.alloc(1024 * 1024, 1)),
  'length of 2^63': () => frame(0x2, Buffer.alloc(16), { length: 2n ** 63n - 1n }),
  'fragmented ping': () => frame(0x9, Buffer.from('p'), { fin: false }),
  'ping over 125 bytes': () => frame(0x9, Buffer.alloc(200, 1)),
  'continuation with nothing to continue': () => frame(0x0, Buffer.from('x')),
  'close with an invalid code': () => frame(0x8, close(999)),
  'close with a one-byte body': () => frame(0x8, Buffer.from([1])),
  'text inside a fragmented binary': () => Buffer.concat([frame(0x2, Buffer.from('a'), { fin: false }), frame(0x1, Buffer.from('b'))]),
  'half a frame, then gone': () => frame(0x1, Buffer.alloc(100, 65)).subarray(0, 7),
  'garbage bytes': () => randomBytes(4096),
};

/** Opens the event socket by hand (with the token), so any bytes can follow. */
function openSocket(host: ProbedHost): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: host.port });
    socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')));
    socket.once('error', reject);
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${chunk.toString('latin1').split('\r\n')[0]}`));
      resolve(socket);
    });
    socket.write(
      [
        'GET /api/events HTTP/1.1',
        `Host: 127.0.0.1:${host.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        `Authorization: Bearer ${host.token}`,
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/** Each kind of bad frame, `rounds` times, each on a fresh socket; after each the host must still answer. */
export async function probeFrames(host: ProbedHost, rounds: number): Promise<Figures> {
  const problems: string[] = [];
  let tried = 0;
  let crashes = 0;
  for (let round = 0; round < rounds && crashes === 0; round++) {
    for (const [name, bytes] of Object.entries(BAD_FRAMES)) {
      tried++;
      try {
        const socket = await openSocket(host);
        socket.on('error', () => undefined);
        socket.write(bytes());
        await new Promise((resolve) => setTimeout(resolve, 50));
        socket.destroy();
      } catch (error) {
        problems.push(`${name}: the probe could not send it (${error instanceof Error ? error.message : String(error)})`);
      }
      if (!(await host.alive())) {
        crashes++;
        problems.push(`${name}: the host stopped answering`);
        break;
      }
    }
  }
  return { tried, failed: problems.length, crashes, problems };
}
