import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrust, normaliseProjectPath } from '../../../electron/backend/workspace/trust.ts';
import { readSettings } from '../../../electron/backend/workspace/settings.ts';
import { memoryStore, tempDir } from '../../engine/helpers.ts';

describe('project trust', () => {
  it('trusts a never-saved project and nothing on disk until granted', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'a.assistant.json');
    await writeFile(file, '{}');
    const trust = createTrust(memoryStore());
    expect(await trust.isTrusted(null)).toBe(true);
    expect(await trust.isTrusted(file)).toBe(false);
    await trust.grant(file);
    expect(await trust.isTrusted(file)).toBe(true);
  });

  it('knows a project by its real path, however it is spelled', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'real'));
    const file = path.join(dir, 'real', 'a.assistant.json');
    await writeFile(file, '{}');
    await symlink(path.join(dir, 'real'), path.join(dir, 'link'));
    const settings = memoryStore();
    const trust = createTrust(settings);
    await trust.grant(path.join(dir, 'link', '..', 'link', 'a.assistant.json'));
    expect(await trust.isTrusted(file)).toBe(true);
    expect(readSettings(settings).trustedProjects).toEqual([await normaliseProjectPath(file)]);
    // A file that does not exist yet is named through its folder's real path.
    expect(await normaliseProjectPath(path.join(dir, 'link', 'new.assistant.json'))).toBe(
      path.join(await normaliseProjectPath(file), '..', 'new.assistant.json'),
    );
    await expect(trust.isTrusted('a.assistant.json')).rejects.toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('carries trust along on Save As, so an untrusted project stays untrusted wherever it is saved', async () => {
    const dir = await tempDir();
    const at = (name: string) => path.join(dir, `${name}.assistant.json`);
    const trust = createTrust(memoryStore());
    await trust.followSave(at('fresh'), null);
    expect(await trust.isTrusted(at('fresh'))).toBe(true);
    await trust.followSave(at('copy'), at('fresh'));
    expect(await trust.isTrusted(at('copy'))).toBe(true);

    await trust.followSave(at('laundered'), at('downloaded'));
    expect(await trust.isTrusted(at('laundered'))).toBe(false);
    // Saving untrusted content over a trusted file takes that file's trust away.
    await trust.followSave(at('copy'), at('downloaded'));
    expect(await trust.isTrusted(at('copy'))).toBe(false);
    // A plain save keeps whatever the file had.
    await trust.followSave(at('fresh'), at('fresh'));
    expect(await trust.isTrusted(at('fresh'))).toBe(true);
  });
});
