import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const linux = process.platform === 'linux';
const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
// studio.sh finds its folder with dirname, the one program it needs before the check.
const dirname = existsSync('/usr/bin/dirname') ? '/usr/bin/dirname' : '/bin/dirname';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with nothing from this process's environment but `env`; resolves with its exit code whatever it is. */
function bash(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile('/bin/bash', [script, ...args], { cwd: root, env }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode ?? -1, stdout, stderr }),
    );
  });
}

async function executable(file: string, body: string): Promise<string> {
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

/**
 * A machine with none of the system packages: PATH is one folder holding only what is asked for, Chromium
 * points nowhere, the Python fails, and /etc/os-release is replaced by `osRelease`.
 */
async function bareMachine(osRelease: string, onPath: Record<string, string> = {}) {
  const dir = await tempDir();
  const bin = path.join(dir, 'bin');
  await mkdir(bin);
  for (const [name, target] of Object.entries(onPath)) await symlink(target, path.join(bin, name));
  await writeFile(path.join(dir, 'os-release'), osRelease);
  const env = {
    PATH: bin,
    CHROMIUM_PATH: path.join(dir, 'no-chromium'),
    STUDIO_PYTHON: '/bin/false',
    STUDIO_OS_RELEASE: path.join(dir, 'os-release'),
    STUDIO_NO_SYSTEM_INSTALL: '1',
  };
  return { dir, env };
}

// Each case starts bash; the Python probe is a fake, so no case imports anything.
describe('system packages for npm test (scripts/system-deps.sh)', { timeout: 30_000 }, () => {
  it.runIf(linux)('stops `studio.sh test` before anything runs, naming what is missing and the command that installs it', async () => {
    const { dir, env } = await bareMachine('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n', { dirname });
    // A copy of the two scripts with nothing beside them: were the check to let the task through, there
    // would be no Node, no npm and no test runner to start.
    await mkdir(path.join(dir, 'repo', 'scripts'), { recursive: true });
    for (const name of ['studio.sh', 'system-deps.sh']) await copyFile(path.join(root, 'scripts', name), path.join(dir, 'repo', 'scripts', name));

    const outcome = await bash(path.join(dir, 'repo', 'scripts', 'studio.sh'), ['test'], env);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr.split('\n')).toEqual([
      `studio: npm test needs what this system lacks: Chromium (CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist: fix or unset it); bubblewrap (bwrap); a Python 3 at /bin/false with numpy, pandas and matplotlib`,
      `studio: install with: ${sudo}apt-get install -y --no-install-recommends bubblewrap python3-numpy python3-pandas python3-matplotlib`,
      '',
    ]);
  });

  it.runIf(linux)('gives the command for the distribution, or what to install where it does not know one', async () => {
    const { dir, env } = await bareMachine('NAME="Fedora Linux"\nID=fedora\n');
    const python = await executable(path.join(dir, 'python3'), 'echo pandas');
    const fedora = await bash('scripts/system-deps.sh', ['--check'], { ...env, STUDIO_PYTHON: python });
    expect(fedora.code).toBe(1);
    expect(fedora.stderr).toContain(`; bubblewrap (bwrap); pandas for ${python}\n`);
    expect(fedora.stderr).toContain(`studio: install with: ${sudo}dnf install -y bubblewrap python3-pandas\n`);

    await writeFile(env.STUDIO_OS_RELEASE, 'ID=arch\n');
    const other = await bash('scripts/system-deps.sh', ['--check'], env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("studio: install with the system's package manager (often named chromium, bubblewrap, python3-numpy");
  });

  // The install path needs root; CI has it. apt-get here is a fake that writes down what it was asked.
  it.runIf(linux && process.getuid?.() === 0)(
    'as root on Debian, installs only what is missing with apt-get, says so in one line, and checks again',
    async () => {
      const dir = await tempDir();
      const bin = path.join(dir, 'bin');
      await mkdir(bin);
      const log = path.join(dir, 'apt.log');
      const installed = path.join(dir, 'installed');
      await executable(path.join(bin, 'bwrap'), 'exit 0');
      await executable(path.join(bin, 'apt-get'), `echo "$DEBIAN_FRONTEND $*" >> ${log}\ncase "$1" in install) : > ${installed} ;; esac`);
      await writeFile(path.join(dir, 'os-release'), 'ID=debian\n');
      const env = {
        PATH: bin,
        CHROMIUM_PATH: await executable(path.join(dir, 'chromium'), 'exit 0'),
        STUDIO_PYTHON: await executable(path.join(dir, 'python3'), `[ -e ${installed} ] || echo matplotlib`),
        STUDIO_OS_RELEASE: path.join(dir, 'os-release'),
      };
      expect(await bash('scripts/system-deps.sh', [], env)).toEqual({ code: 0, stdout: '', stderr: 'studio: installing python3-matplotlib (apt-get)\n' });
      expect(await readFile(log, 'utf8')).toBe(' update -qq\nnoninteractive install -y -qq --no-install-recommends python3-matplotlib\n');
    },
  );

  it('passes quietly when everything is there, without a package manager on PATH', async () => {
    const dir = await tempDir();
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await executable(path.join(bin, 'bwrap'), 'exit 0');
    const env = {
      PATH: bin,
      CHROMIUM_PATH: await executable(path.join(dir, 'chromium'), 'exit 0'),
      STUDIO_PYTHON: await executable(path.join(dir, 'python3'), 'exit 0'),
      STUDIO_OS_RELEASE: '/nonexistent',
    };
    // Without --check: nothing is missing, so nothing may be installed either.
    expect(await bash('scripts/system-deps.sh', [], env)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
