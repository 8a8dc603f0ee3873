import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confSettingsStore } from '../../electron/host/settingsStore.ts';
import { readSettings, updateSettings } from '../../electron/backend/workspace/settings.ts';
import { tempDir } from '../engine/helpers.ts';

describe('the web host settings store', () => {
  it.each([
    ['not JSON', '{"theme": "dark", "rec', 'it is not valid JSON'],
    [
      'nested 5,000 levels deep',
      `{"theme": "dark", "recent": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
      'it nests arrays and objects more than 100 levels deep',
    ],
    ['JSON but no settings', '[1, 2, 3]', 'it does not hold settings'],
  ])('sets aside a settings file that is %s, keeps it beside, and starts with defaults', async (_what, text, reason) => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'config.json');
    await writeFile(file, text);
    const store = confSettingsStore(dataDir);
    expect(store.setAside).toEqual([{ kind: 'settingsFile', name: file, reason, keptAt: expect.stringMatching(/config\.unreadable-\d+\.json$/) }]);
    expect(await readFile(store.setAside[0]!.keptAt!, 'utf8')).toBe(text);
    expect(readSettings(store).theme).toBe('system');
    updateSettings(store, (s) => ({ ...s, theme: 'light' }));
    expect(readSettings(confSettingsStore(dataDir)).theme).toBe('light');
  });

  it('writes the settings for their owner only, and narrows a file an older version left readable', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'config.json');
    updateSettings(confSettingsStore(dataDir), (s) => ({ ...s, theme: 'dark' }));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await chmod(file, 0o644);
    confSettingsStore(dataDir);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves a readable settings file, and a missing one, alone', async () => {
    const dataDir = await tempDir();
    expect(confSettingsStore(dataDir).setAside).toEqual([]);
    await writeFile(path.join(dataDir, 'config.json'), '{"theme": "dark"}');
    const store = confSettingsStore(dataDir);
    expect(store.setAside).toEqual([]);
    expect(readSettings(store).theme).toBe('dark');
    expect(await readdir(dataDir)).toEqual(['config.json']);
  });
});
