// Every format generated from the sample project, compared with the files under golden/.
// After an intended generator change: UPDATE_GOLDEN=1 npx vitest run test/engine/export/golden.test.ts
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../electron/engine/export/index.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { exported } from './helpers.ts';

const GOLDEN = path.join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : Promise.resolve([`${prefix}${e.name}`]))),
  );
  return nested.flat().sort();
}

describe('golden files of the sample project', () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format} matches golden/${format}`, async () => {
      const { files } = exported(sampleProject(), format);
      const dir = path.join(GOLDEN, format);
      if (update) {
        await rm(dir, { recursive: true, force: true });
        for (const file of files) {
          await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
          await writeFile(path.join(dir, file.path), file.content);
        }
      }
      expect(files.map((f) => f.path).sort()).toEqual(await listFiles(dir));
      for (const file of files) {
        // JSON definitions carry no node ids or absolute positions, so even they are stable.
        expect(file.content, `${format}/${file.path}`).toBe(await readFile(path.join(dir, file.path), 'utf8'));
      }
    });
  }
});
