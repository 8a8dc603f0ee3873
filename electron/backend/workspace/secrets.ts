import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { ProviderConfig, ProviderView } from '../../../shared/ipc/contract.ts';
import { parseJson } from '../../../shared/json/bounded.ts';
import { privateDir, tightenFile } from '../../engine/index.ts';
import { atomicWrite, tempFileFor } from './atomicWrite.ts';
import type { Log } from './log.ts';
import { readJsonText } from './projects.ts';

/** Encrypts API keys at rest: Electron's safeStorage (OS keychain), or a key file outside Electron. */
export interface SecretCipher {
  kind: 'keychain' | 'encrypted-file';
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

const KEY_FILE = 'secret.key';
const SECRETS_FILE = 'secrets.json';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random key kept in `<dataDir>/secret.key` (mode 0600). It protects keys from casual
 * reading of secrets.json and from ending up in backups of it alone; the OS keychain is stronger.
 */
export async function createFileCipher(dataDir: string): Promise<SecretCipher> {
  const keyPath = path.join(dataDir, KEY_FILE);
  const key = await readOrCreateKey(keyPath);
  return {
    kind: 'encrypted-file',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

async function readKey(keyPath: string): Promise<Buffer | null> {
  const key = await fs.readFile(keyPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (key !== null && key.length !== 32) {
    throw new AppFailure('E_SECRET_STORAGE', `The secret key file ${keyPath} is damaged; delete it and set the API keys again.`);
  }
  return key;
}

async function readOrCreateKey(keyPath: string): Promise<Buffer> {
  const existing = await readKey(keyPath);
  if (existing) {
    tightenFile(keyPath);
    return existing;
  }
  privateDir(path.dirname(keyPath));
  // Written in full under a temp name, then linked into place: link fails if another process created
  // the key first, and then that key (the one its secrets were encrypted with) wins.
  const temp = tempFileFor(keyPath);
  try {
    await atomicWrite(temp, randomBytes(32), { mode: 0o600 });
    await fs.link(temp, keyPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await fs.rm(temp, { force: true });
  }
  const key = await readKey(keyPath);
  if (!key) throw new AppFailure('E_SECRET_STORAGE', `Could not create the secret key file ${keyPath}.`);
  return key;
}

export interface SecretsDeps {
  dataDir: string;
  cipher: SecretCipher;
  env: Record<string, string | undefined>;
  log: Log;
}

/** Provider API keys: stored encrypted in `<dataDir>/secrets.json`, or taken from the environment. */
export interface Secrets {
  /** How keys set from now on are stored. */
  storage: SecretCipher['kind'];
  /** The key a provider's requests use; for the engine only, never sent to the renderer. */
  getKey(provider: ProviderConfig): Promise<string | null>;
  /** A stored secret by its id: a provider's key, or one of the app's own (ids no provider can have, such as `@assistants-server`). */
  stored(id: string): Promise<string | null>;
  set(providerId: string, apiKey: string): Promise<void>;
  clear(providerId: string): Promise<void>;
  /** What the renderer may know about a provider's key. */
  view(provider: ProviderConfig): Promise<ProviderView>;
}

export function createSecrets(deps: SecretsDeps): Secrets {
  const file = path.join(deps.dataDir, SECRETS_FILE);

  async function readStored(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readJsonText(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new AppFailure('E_SECRET_STORAGE', `Could not read ${file}.`);
    }
    const read = parseJson(text);
    const parsed = read.ok ? read.value : null;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      deps.log.warn(`${file} is damaged; stored API keys are ignored until they are set again`);
      return {};
    }
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  async function writeStored(stored: Record<string, string>): Promise<void> {
    privateDir(deps.dataDir);
    await atomicWrite(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }

  async function storedKey(providerId: string): Promise<string | null> {
    const encoded = (await readStored())[providerId];
    if (encoded === undefined) return null;
    try {
      return deps.cipher.decrypt(Buffer.from(encoded, 'base64'));
    } catch {
      // Typically a key stored by another cipher (keychain unavailable now); never log the data itself.
      deps.log.warn(`the stored API key of provider "${providerId}" cannot be decrypted here; set it again`);
      return null;
    }
  }

  const envKey = (provider: ProviderConfig): string | null => {
    const value = provider.apiKeyEnv ? deps.env[provider.apiKeyEnv] : undefined;
    return value ? value : null;
  };

  return {
    storage: deps.cipher.kind,
    async getKey(provider) {
      return (await storedKey(provider.id)) ?? envKey(provider);
    },
    stored: storedKey,
    async set(providerId, apiKey) {
      let encrypted: Buffer;
      try {
        encrypted = deps.cipher.encrypt(apiKey);
      } catch {
        throw new AppFailure('E_SECRET_STORAGE', 'The API key could not be encrypted on this system.');
      }
      const stored = await readStored();
      await writeStored({ ...stored, [providerId]: encrypted.toString('base64') });
    },
    async clear(providerId) {
      const stored = await readStored();
      if (!(providerId in stored)) return;
      delete stored[providerId];
      await writeStored(stored);
    },
    async view(provider) {
      if ((await storedKey(provider.id)) !== null) return { ...provider, hasKey: true, keySource: deps.cipher.kind };
      if (envKey(provider) !== null) return { ...provider, hasKey: true, keySource: 'environment' };
      return { ...provider, hasKey: false, keySource: null };
    },
  };
}
