import { describe, expect, it } from 'vitest';
import { LogCollector } from '../../../electron/engine/codeInterpreter/logs.ts';
import { encodeFrame, FrameDecoder } from '../../../electron/engine/codeInterpreter/protocol.ts';

describe('kernel frames', () => {
  it('reassembles frames split anywhere and several in one chunk, newlines and all', () => {
    const messages = [{ code: 'print("a\\nb")\n' }, { n: 1 }, { text: 'é'.repeat(1000) }];
    const bytes = Buffer.concat(messages.map(encodeFrame));
    for (const size of [1, 3, 7, 1000, bytes.length]) {
      const decoder = new FrameDecoder();
      const out: unknown[] = [];
      for (let i = 0; i < bytes.length; i += size) out.push(...decoder.push(bytes.subarray(i, i + size)));
      expect(out, `chunks of ${size}`).toEqual(messages);
    }
  });

  it('refuses an absurd frame length instead of buffering forever', () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => new FrameDecoder().push(header)).toThrow(/frame of/);
  });
});

describe('log collection', () => {
  const MARKER = '\u0000end-1\u0000';

  it('finds the end marker of each stream even when it is split across chunks', () => {
    const logs = new LogCollector();
    logs.begin(MARKER, 1000);
    logs.push('stderr', Buffer.from(`warn\n${MARKER}`));
    const out = Buffer.from(`hello\n${MARKER}`);
    logs.push('stdout', out.subarray(0, 9));
    expect(logs.complete).toBe(false);
    logs.push('stdout', out.subarray(9));
    expect(logs.complete).toBe(true);
    expect(logs.take()).toBe('warn\nhello\n');
  });

  it('keeps output up to the limit and says how much was dropped', () => {
    const logs = new LogCollector();
    logs.begin(MARKER, 10);
    logs.push('stdout', Buffer.from(`0123456789abcdef${MARKER}`));
    logs.push('stderr', Buffer.from(MARKER));
    expect(logs.take()).toBe('0123456789\n[output truncated: 6 more bytes were dropped; at most 10 bytes of output are kept per execution]\n');
  });

  it('gives a stream without a marker (a killed process) everything that arrived', () => {
    const logs = new LogCollector();
    logs.begin(MARKER, 100);
    logs.push('stdout', Buffer.from('partial'));
    expect(logs.take()).toBe('partial');
  });
});
