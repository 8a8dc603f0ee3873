import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileCipher, createSecrets } from '../../../electron/backend/workspace/secrets.ts';
import { DEFAULT_PROVIDERS } from '../../../electron/backend/workspace/settings.ts';
import { recordingLog, tempDir } from '../../engine/helpers.ts';

const KEY = 'sk-test-0123456789abcdefSECRET';
const openai = DEFAULT_PROVIDERS[0]!;

describe('secrets', () => {
  it('stores keys encrypted: the file never contains the key, and reads it back', async () => {
    const dataDir = await tempDir();
    const log = recordingLog();
    const secrets = createSecrets({ dataDir, cipher: await createFileCipher(dataDir), env: {}, log });
    await secrets.set('openai', KEY);

    const stored = await readFile(path.join(dataDir, 'secrets.json'), 'utf8');
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(Buffer.from(KEY).toString('base64'));
    expect(Object.keys(JSON.parse(stored))).toEqual(['openai']);
    expect(await secrets.getKey(openai)).toBe(KEY);
    if (process.platform !== 'win32') {
      expect((await stat(path.join(dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    }

    // A second cipher over the same data dir reuses the key file.
    const again = createSecrets({ dataDir, cipher: await createFileCipher(dataDir), env: {}, log });
    expect(await again.getKey(openai)).toBe(KEY);
    expect(log.lines.join('\n')).not.toContain(KEY);
  });

  it('describes keys without revealing them', async () => {
    const dataDir = await tempDir();
    const secrets = createSecrets({ dataDir, cipher: await createFileCipher(dataDir), env: {}, log: recordingLog() });
    expect(await secrets.view(openai)).toEqual({ ...openai, hasKey: false, keySource: null });
    await secrets.set('openai', KEY);
    const view = await secrets.view(openai);
    expect(view).toEqual({ ...openai, hasKey: true, keySource: 'encrypted-file' });
    expect(JSON.stringify(view)).not.toContain(KEY);
    await secrets.clear('openai');
    expect((await secrets.view(openai)).hasKey).toBe(false);
  });

  it('detects a key in the environment variable the provider names', async () => {
    const dataDir = await tempDir();
    const secrets = createSecrets({ dataDir, cipher: await createFileCipher(dataDir), env: { OPENAI_API_KEY: KEY }, log: recordingLog() });
    expect(await secrets.view(openai)).toEqual({ ...openai, hasKey: true, keySource: 'environment' });
    expect(await secrets.getKey(openai)).toBe(KEY);
  });

  it('treats a key it cannot decrypt as missing and logs without the data', async () => {
    const dataDir = await tempDir();
    const log = recordingLog();
    await createSecrets({ dataDir, cipher: await createFileCipher(dataDir), env: {}, log }).set('openai', KEY);
    const otherDir = await tempDir();
    const foreign = createSecrets({ dataDir, cipher: await createFileCipher(otherDir), env: {}, log });
    expect(await foreign.getKey(openai)).toBeNull();
    expect(log.lines.some((l) => l.includes('cannot be decrypted'))).toBe(true);
  });
});
