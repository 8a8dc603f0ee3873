import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxKind } from './types.ts';

/** What the settings screen shows about isolation on this machine. */
export interface SandboxStatus {
  kind: SandboxKind;
  available: boolean;
  detail: string;
}

/** A usable sandbox, with the program that provides it. */
export interface SandboxTool {
  kind: Exclude<SandboxKind, 'none'>;
  command: string;
}

const SANDBOX_EXEC = '/usr/bin/sandbox-exec';
const TRY_TIMEOUT_MS = 10_000;

function attempt(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: TRY_TIMEOUT_MS, env: {} }, (error, _stdout, stderr) => {
      resolve(error ? (stderr.trim() || error.message).split('\n')[0]! : null);
    });
  });
}

async function findOnPath(name: string, fallback: string[]): Promise<string | null> {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  for (const path of [...dirs.map((d) => join(d, name)), ...fallback]) {
    if (
      await access(path, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return path;
  }
  return null;
}

/**
 * Finds the platform's sandbox and checks that it really starts a confined process: bubblewrap needs
 * user namespaces, which some distributions restrict (Ubuntu 24.04's AppArmor policy among them).
 */
export async function detectSandbox(platform: NodeJS.Platform = process.platform): Promise<{ status: SandboxStatus; tool: SandboxTool | null }> {
  if (platform === 'linux') {
    const bwrap = await findOnPath('bwrap', ['/usr/bin/bwrap']);
    if (!bwrap) {
      return {
        status: {
          kind: 'bubblewrap',
          available: false,
          detail: 'bubblewrap is not installed: install it with `sudo apt-get install bubblewrap` (Debian, Ubuntu) or `sudo dnf install bubblewrap` (Fedora).',
        },
        tool: null,
      };
    }
    const problem = await attempt(bwrap, ['--ro-bind', '/', '/', '--unshare-all', '--die-with-parent', '--new-session', 'true']);
    if (problem) {
      return {
        status: {
          kind: 'bubblewrap',
          available: false,
          detail: `bubblewrap at ${bwrap} cannot create a sandbox here (${problem}); user namespaces may be disabled or restricted.`,
        },
        tool: null,
      };
    }
    return {
      status: { kind: 'bubblewrap', available: true, detail: `bubblewrap (${bwrap}): no network, system read-only, only the working directory writable.` },
      tool: { kind: 'bubblewrap', command: bwrap },
    };
  }
  if (platform === 'darwin') {
    const problem = await attempt(SANDBOX_EXEC, ['-p', '(version 1)(allow default)', '/usr/bin/true']);
    if (problem) return { status: { kind: 'sandbox-exec', available: false, detail: `sandbox-exec does not work here (${problem}).` }, tool: null };
    return {
      status: {
        kind: 'sandbox-exec',
        available: true,
        detail: 'sandbox-exec: no network, writes only to the working directory, no reading of your home folder.',
      },
      tool: { kind: 'sandbox-exec', command: SANDBOX_EXEC },
    };
  }
  return {
    status: {
      kind: 'none',
      available: false,
      detail: `No sandbox is available on ${platform}: local code runs unconfined, with your permissions, and only after you allow it in the settings.`,
    },
    tool: null,
  };
}
