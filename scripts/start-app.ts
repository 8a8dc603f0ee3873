import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkElectron } from '../electron/host/electronBinary.ts';

// `npm start`: build, then run the Electron app, or the same UI on loopback where Electron cannot start.
const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build-run'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) {
  console.error('studio: the build failed; see the output above.');
  process.exit(build.status ?? 1);
}

const check = checkElectron(root, process.platform, process.env, process.getuid?.() ?? null);
let child: ChildProcess;
if (check.ok) {
  child = spawn(check.binary, [root], { cwd: root, stdio: 'inherit' });
} else {
  console.error(`Electron cannot start here: ${check.reason}. Serving the same UI on loopback instead.`);
  child = spawn(process.execPath, [path.join(root, 'electron', 'host', 'cli.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
