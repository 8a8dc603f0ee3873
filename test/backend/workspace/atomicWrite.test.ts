import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite, nodeAtomicFs, removeStaleTemps, type AtomicFs } from '../../../electron/backend/workspace/atomicWrite.ts';
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

describe('removeStaleTemps', () => {
  it("removes only this module's temp files whose writer is gone (or, without a pid, that are old)", async () => {
    const dir = await tempDir();
    // A pid no process has: beyond the largest a Linux or macOS kernel hands out.
    const gone = 99_999_999;
    const names = {
      dead: `.a.json.${gone}.0123456789ab.tmp`,
      ours: `.a.json.${process.pid}.0123456789ab.tmp`,
      parent: `.a.json.${process.ppid}.0123456789ab.tmp`,
      unnamed: '.b.json.abcdef012345.tmp',
      user: '.notes.tmp',
      visible: 'a.json.0123456789ab.tmp',
    };
    for (const name of Object.values(names)) await writeFile(path.join(dir, name), 'x');
    await mkdir(path.join(dir, `.c.json.${gone}.0123456789ab.tmp`));

    expect(await removeStaleTemps(dir)).toEqual([path.join(dir, names.dead)]);
    // A temp file of an older version names no process: it is left over once it is a minute old.
    expect(await removeStaleTemps(dir, Date.now() + 2 * 60_000)).toEqual([path.join(dir, names.unnamed)]);
    expect((await readdir(dir)).sort()).toEqual([`.c.json.${gone}.0123456789ab.tmp`, names.ours, names.parent, names.user, names.visible].sort());
    expect(await removeStaleTemps(path.join(dir, 'missing'))).toEqual([]);
  });

  it('names the writing process in the temp file', async () => {
    const dir = await tempDir();
    const seen: string[] = [];
    const file = path.join(dir, 'a.json');
    const rename = (from: string, to: string): Promise<void> => {
      seen.push(path.basename(from));
      return nodeAtomicFs.rename(from, to);
    };
    await atomicWrite(file, 'x', { fs: { ...nodeAtomicFs, rename } });
    expect(seen).toEqual([expect.stringMatching(new RegExp(`^\\.a\\.json\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`))]);
  });
});
