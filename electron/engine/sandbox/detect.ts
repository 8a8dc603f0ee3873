import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { bubblewrapArgs, type BubblewrapTool } from './bubblewrap.ts';

/** How confined programs (the code interpreter's Python, Function handlers) are: bubblewrap (Linux), sandbox-exec (macOS), or not at all. */
export type SandboxKind = 'bubblewrap' | 'sandbox-exec' | 'none';

/** What the settings screen shows about isolation on this machine. */
export interface SandboxStatus {
  kind: SandboxKind;
  available: boolean;
  detail: string;
}

/** A usable sandbox, with the programs that provide it. */
export type SandboxTool = BubblewrapTool | { kind: 'sandbox-exec'; command: string };

/** The sandbox of this machine, and util-linux's prlimit, which keeps memory limits even without a sandbox (Linux). */
export interface SandboxDetection {
  status: SandboxStatus;
  tool: SandboxTool | null;
  prlimit: string | null;
}

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';
const TRY_TIMEOUT_MS = 10_000;
/** Where the helpers must live: the sandbox shows the system directories and nothing else of the machine. */
const SYSTEM_BIN = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

function attempt(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: TRY_TIMEOUT_MS, env: {} }, (error, _stdout, stderr) => {
      resolve(error ? (stderr.trim() || error.message).split('\n')[0]! : null);
    });
  });
}

const executable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

async function findIn(name: string, dirs: readonly string[]): Promise<string | null> {
  for (const dir of dirs) if (await executable(join(dir, name))) return join(dir, name);
  return null;
}

const findOnPath = (name: string, fallback: string[]) => findIn(name, [...(process.env.PATH ?? '').split(':').filter(Boolean), ...fallback]);

const unavailable = (kind: SandboxKind, detail: string, prlimit: string | null = null): SandboxDetection => ({
  status: { kind, available: false, detail },
  tool: null,
  prlimit,
});

async function detectBubblewrap(): Promise<SandboxDetection> {
  const bwrap = await findOnPath('bwrap', ['/usr/bin/bwrap']);
  const prlimit = await findIn('prlimit', SYSTEM_BIN);
  if (!bwrap) {
    return unavailable(
      'bubblewrap',
      'bubblewrap is not installed: install it with `sudo apt-get install bubblewrap` (Debian, Ubuntu) or `sudo dnf install bubblewrap` (Fedora).',
      prlimit,
    );
  }
  if (!prlimit) return unavailable('bubblewrap', 'prlimit (util-linux), which sets the sandbox limits, is not installed: install util-linux.');
  let root: BubblewrapTool['root'] = null;
  if (process.getuid?.() === 0) {
    const [setpriv, unshare] = await Promise.all([findIn('setpriv', SYSTEM_BIN), findIn('unshare', SYSTEM_BIN)]);
    if (!setpriv || !unshare) return unavailable('bubblewrap', 'As root, the sandbox needs setpriv and unshare (util-linux): install util-linux.', prlimit);
    root = { setpriv, unshare };
  }
  const tool: BubblewrapTool = { kind: 'bubblewrap', command: bwrap, prlimit, root };
  // The very setup programs get, with a process limit: user namespaces may be missing or restricted
  // (Ubuntu 24.04's AppArmor policy among them), and a process limit needs one.
  const probe = bubblewrapArgs(tool, { argv: ['true'], env: { PATH: '/usr/bin:/bin' }, readable: [], etc: [], tmpMb: 1, limits: { processes: 16 } });
  const problem = await attempt(bwrap, probe);
  if (problem) {
    return unavailable(
      'bubblewrap',
      `bubblewrap at ${bwrap} cannot create a sandbox here (${problem}); user namespaces may be disabled or restricted.`,
      prlimit,
    );
  }
  return {
    status: { kind: 'bubblewrap', available: true, detail: `bubblewrap (${bwrap}): no network, system read-only, only the working directory writable.` },
    tool,
    prlimit,
  };
}

/**
 * Finds the platform's sandbox and checks that it really starts a confined process the way confined
 * programs are started.
 */
export async function detectSandbox(platform: NodeJS.Platform = process.platform): Promise<SandboxDetection> {
  if (platform === 'linux') return detectBubblewrap();
  if (platform === 'darwin') {
    const problem = await attempt(SANDBOX_EXEC, ['-p', '(version 1)(allow default)', '/usr/bin/true']);
    if (problem) return unavailable('sandbox-exec', `sandbox-exec does not work here (${problem}).`);
    return {
      status: {
        kind: 'sandbox-exec',
        available: true,
        detail: 'sandbox-exec: no network, writes only to the working directory, no reading of your home folder.',
      },
      tool: { kind: 'sandbox-exec', command: SANDBOX_EXEC },
      prlimit: null,
    };
  }
  return unavailable(
    'none',
    `No sandbox is available on ${platform}: local code runs unconfined, with your permissions, and only after you allow it in the settings.`,
  );
}
