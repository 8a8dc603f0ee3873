import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRegular, hashRegular, readRegular, statRegular } from '../../electron/engine/regularFiles.ts';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'studio-regular-'));
const MB = 1024 * 1024;

describe('reading only regular files', () => {
  it('reads, hashes and copies a regular file, the copy private to the user', async () => {
    const d = dir();
    const file = path.join(d, 'a.txt');
    writeFileSync(file, 'hello');
    expect(new TextDecoder().decode(await readRegular(file, { maxBytes: MB }))).toBe('hello');
    expect(await hashRegular(file, { maxBytes: MB })).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    await copyRegular(file, path.join(d, 'copy.txt'), { maxBytes: MB });
    expect(readFileSync(path.join(d, 'copy.txt'), 'utf8')).toBe('hello');
    expect(statSync(path.join(d, 'copy.txt')).mode & 0o777).toBe(0o600);
    await expect(copyRegular(file, path.join(d, 'copy.txt'), { maxBytes: MB })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('refuses a named pipe, a device behind a link and a folder at once, without blocking', async () => {
    const d = dir();
    const pipe = path.join(d, 'pipe.txt');
    execFileSync('mkfifo', [pipe]);
    symlinkSync('/dev/zero', path.join(d, 'zero.txt'));
    const began = Date.now();
    // Nothing ever writes to the pipe: a blocking open would hang here (and hold a thread of the pool).
    for (let i = 0; i < 4; i++) await expect(readRegular(pipe, { maxBytes: MB })).rejects.toThrow(/is a named pipe; only regular files are read/);
    await expect(hashRegular(path.join(d, 'zero.txt'), { maxBytes: MB })).rejects.toThrow(/is a device/);
    await expect(copyRegular(path.join(d, 'zero.txt'), path.join(d, 'out'), { maxBytes: MB })).rejects.toThrow(/is a device/);
    await expect(statRegular(d)).rejects.toThrow(/is a folder/);
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it('stops at its bound, also for a file that reports no size', async () => {
    const d = dir();
    const file = path.join(d, 'big.bin');
    writeFileSync(file, Buffer.alloc(3 * MB));
    await expect(readRegular(file, { maxBytes: 2 * MB })).rejects.toThrow(/holds more than 2.0 MB/);
    // /proc files report size 0 and go on as long as they are read.
    await expect(readRegular('/proc/self/status', { maxBytes: 16 })).rejects.toThrow(/holds more than 16 bytes/);
  });

  it('stops reading when its signal aborts', async () => {
    const d = dir();
    const file = path.join(d, 'big.bin');
    writeFileSync(file, Buffer.alloc(8 * MB));
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(hashRegular(file, { maxBytes: 16 * MB, signal: controller.signal })).rejects.toThrow('cancelled by the user');
  });
});
