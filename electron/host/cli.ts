import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend/backend.ts';
import { consoleLog } from '../backend/workspace/log.ts';
import { createFileCipher } from '../backend/workspace/secrets.ts';
import { privateDir } from '../engine/index.ts';
import { defaultDataDir } from './dataDir.ts';
import { startWebHost } from './server.ts';
import { closeOnSignals } from './signals.ts';
import { confSettingsStore } from './settingsStore.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`"${value}" is not a port number (0-65535).`);
  return port;
}

async function main(): Promise<void> {
  const log = consoleLog('studio');
  const { values } = parseArgs({ options: { port: { type: 'string' }, static: { type: 'string' } }, allowPositionals: false });
  const port = parsePort(values.port ?? process.env.ASSISTANT_STUDIO_PORT);
  // --static serves another build of the renderer (tests use a tiny one); the default is this checkout's build.
  const staticDir = path.resolve(values.static ?? path.join(root, 'dist', 'renderer'));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir} has no index.html): run npm run build:renderer`);
  }
  const dataDir = defaultDataDir(process.platform, process.env, os.homedir());
  privateDir(dataDir);
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const settings = confSettingsStore(dataDir);
  const backend = createBackend({
    dataDir,
    settings,
    setAside: settings.setAside,
    cipher: await createFileCipher(dataDir),
    dialogs: null,
    host: 'web',
    env: process.env,
    log,
    version,
  });
  const host = await startWebHost({ backend, staticDir, port, log });
  log.info(`data directory: ${dataDir}`);
  // Tests and scripts parse this exact line from stdout.
  process.stdout.write(`Assistant Studio is running at ${host.url}\n`);

  closeOnSignals(async () => {
    await host.close();
    await backend.close();
  }, log);
}

main().catch((error: unknown) => {
  console.error(`studio: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
