import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedPath } from '../../electron/engine/asar.ts';

describe('unpackedPath', () => {
  it('maps a file inside the app archive to its unpacked copy', () => {
    const packed = path.join(path.sep, 'opt', 'Assistant Studio', 'resources', 'app.asar', 'dist', 'electron', 'handlerChild.cjs');
    expect(unpackedPath(packed)).toBe(path.join(path.sep, 'opt', 'Assistant Studio', 'resources', 'app.asar.unpacked', 'dist', 'electron', 'handlerChild.cjs'));
  });

  it('leaves paths outside an archive alone, including names that merely contain app.asar', () => {
    const plain = path.join(path.sep, 'work', 'main', 'electron', 'engine', 'handlers', 'child.ts');
    expect(unpackedPath(plain)).toBe(plain);
    const lookalike = path.join(path.sep, 'tmp', 'my-app.asar-notes', 'x.txt');
    expect(unpackedPath(lookalike)).toBe(lookalike);
  });
});
