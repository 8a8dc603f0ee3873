import { lstatSync, readlinkSync } from 'node:fs';
import { lchown } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import { prlimitArgs, type ResourceLimits } from './limits.ts';

/**
 * bubblewrap with what the limits need. As root, bubblewrap itself runs privileged and the program is
 * switched to `SANDBOX_ID` in a user namespace of its own (setpriv, unshare): the kernel never applies
 * the process limit to uid 0, and only a namespace created by that uid counts the sandbox's processes
 * apart from everyone else's.
 */
export interface BubblewrapTool {
  kind: 'bubblewrap';
  command: string;
  prlimit: string;
  /** Set when the app runs as root. */
  root: { setpriv: string; unshare: string } | null;
}

/** uid and gid of a root app's confined programs: nobody. */
const SANDBOX_ID = 65534;

/** Where a confined program may write: one host directory, seen inside at `target`. */
interface Workdir {
  path: string;
  target: string;
}

/** What runs in the sandbox and what it may see. */
export interface ConfinedProgram {
  /** The program and its arguments, as paths inside the sandbox. */
  argv: readonly string[];
  /** The whole environment: nothing of the app's reaches the program. */
  env: Readonly<Record<string, string>>;
  /** Host files and directories the program reads, at the same path; the system directories always are. */
  readable: readonly string[];
  /** Entries of /etc the program needs (the dynamic loader's cache, time zones); the rest stays hidden. */
  etc: readonly string[];
  /** The only host directory it may write to, and its working directory; without one it works in `/`. */
  workdir?: Workdir;
  /** Size of its private /tmp, in memory. */
  tmpMb: number;
  limits: ResourceLimits;
}

export const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** /dev/shm is memory too: POSIX semaphores and small shared buffers fit; large ones go through /tmp. */
const DEV_SHM_MB = 16;
const MB = 1024 * 1024;

const within = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Directories above a path, outermost first. */
function ancestors(path: string): string[] {
  const found: string[] = [];
  for (let dir = dirname(path); dir !== '/' && dir !== '.'; dir = dirname(dir)) found.unshift(dir);
  return found;
}

function rootArgs(tool: BubblewrapTool): string[] {
  if (!tool.root) return [];
  const id = String(SANDBOX_ID);
  const setpriv = [tool.root.setpriv, `--reuid=${id}`, `--regid=${id}`, '--clear-groups', '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all', '--'];
  return [...setpriv, tool.root.unshare, '--user', '--'];
}

/**
 * The arguments of bubblewrap for one confined program: no namespace shared with the app (no network,
 * no other processes, no IPC), the system read-only, the program's own files read-only, one writable
 * directory at most, size-capped /tmp and /dev/shm, the limits, and death with the app.
 */
export function bubblewrapArgs(tool: BubblewrapTool, program: ConfinedProgram): string[] {
  const args = tool.root
    ? [
        '--unshare-ipc',
        '--unshare-pid',
        '--unshare-net',
        '--unshare-uts',
        '--unshare-cgroup-try',
        '--cap-drop',
        'ALL',
        '--cap-add',
        'CAP_SETUID',
        '--cap-add',
        'CAP_SETGID',
      ]
    : ['--unshare-all', '--cap-drop', 'ALL'];
  // --die-with-parent: the sandbox goes when the app does, however it ends; killing bubblewrap (pid 1 of
  // the sandbox's pid namespace) ends every process in it, detached or not.
  args.push('--die-with-parent', '--new-session', '--clearenv');
  for (const dir of SYSTEM_DIRS) {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) continue;
    // Merged-/usr systems have /bin → usr/bin: recreate the link rather than binding the same tree twice.
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  const readable = [...program.etc.map((name) => `/etc/${name}`), ...program.readable.filter((path) => !SYSTEM_DIRS.some((dir) => within(path, dir)))];
  // bubblewrap makes the directories above a mount point private to root; the program runs as another
  // user when the app is root, so they are made traversable first.
  const made = new Set<string>();
  for (const path of [...readable, ...(program.workdir ? [program.workdir.target] : [])]) {
    for (const dir of ancestors(path).filter((d) => !made.has(d))) {
      made.add(dir);
      args.push('--perms', '0755', '--dir', dir);
    }
  }
  for (const path of readable) args.push('--ro-bind-try', path, path);
  args.push('--proc', '/proc', '--dev', '/dev', '--perms', '1777', '--size', String(DEV_SHM_MB * MB), '--tmpfs', '/dev/shm', '--remount-ro', '/dev');
  args.push('--perms', '1777', '--size', String(program.tmpMb * MB), '--tmpfs', '/tmp');
  if (program.workdir) args.push('--bind', program.workdir.path, program.workdir.target, '--chdir', program.workdir.target);
  else args.push('--chdir', '/');
  // The root is bubblewrap's own tmpfs: read-only, so that nothing but the working directory and /tmp takes writes.
  args.push('--remount-ro', '/');
  for (const [key, value] of Object.entries(program.env)) args.push('--setenv', key, value);
  return [...args, '--', ...rootArgs(tool), ...prlimitArgs(tool.prlimit, program.limits), ...program.argv];
}

/** Gives a root app's files to the sandbox's user, so that its program can change them; otherwise nothing to do. */
export async function handOver(tool: BubblewrapTool, paths: readonly string[]): Promise<void> {
  if (!tool.root) return;
  for (const path of paths) await lchown(path, SANDBOX_ID, SANDBOX_ID);
}
