import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite, nodeAtomicFs, type AtomicFs } from '../../../electron/backend/workspace/atomicWrite.ts';
import { tempDir } from '../../engine/helpers.ts';

/** Real file system calls, except that writing the data fails after part of it reached the disk. */
const failingWriteFs: AtomicFs = {
  ...nodeAtomicFs,
  async open(file, flags, mode) {
    const handle = await nodeAtomicFs.open(file, flags, mode);
    return {
      sync: () => handle.sync(),
      close: () => handle.close(),
      async writeFile(data) {
        await handle.writeFile(typeof data === 'string' ? data.slice(0, 3) : data.subarray(0, 3));
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
    };
  },
};

const failingRenameFs: AtomicFs = {
  ...nodeAtomicFs,
  rename: async () => {
    throw Object.assign(new Error('cross-device'), { code: 'EXDEV' });
  },
};

describe('atomicWrite', () => {
  it('replaces the content of a file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'old');
    await atomicWrite(file, 'new content');
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it.each([
    ['the data write', failingWriteFs],
    ['the rename', failingRenameFs],
  ])('leaves the original intact and no temp file when %s fails', async (_step, fs) => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.json');
    await writeFile(file, 'original');
    await expect(atomicWrite(file, 'replacement that never lands', { fs })).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('creates files with the requested mode', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'secret');
    await atomicWrite(file, 'x', { mode: 0o600 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
