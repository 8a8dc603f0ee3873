import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecent, MAX_RECENT, recentEntries } from '../../../electron/backend/workspace/recent.ts';
import { readSettings } from '../../../electron/backend/workspace/settings.ts';
import { memoryStore, tempDir } from '../../engine/helpers.ts';

describe('recent projects', () => {
  it('keeps the most recent first, without duplicates, at most ten, with an exists flag', async () => {
    const dir = await tempDir();
    const store = memoryStore();
    const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `p${i}.assistant.json`));
    for (const file of files) addRecent(store, file);
    addRecent(store, files[5]!);
    await writeFile(files[5]!, '{}');

    const entries = await recentEntries(store);
    expect(entries).toHaveLength(MAX_RECENT);
    expect(entries[0]).toEqual({ path: files[5], name: 'p5', exists: true });
    expect(entries[1]).toEqual({ path: files[11], name: 'p11', exists: false });
    expect(new Set(entries.map((e) => e.path)).size).toBe(MAX_RECENT);
    expect(readSettings(store).recent).toEqual(entries.map((e) => e.path));
  });
});
