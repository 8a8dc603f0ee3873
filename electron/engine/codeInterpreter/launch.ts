import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative } from 'node:path';
import type { PythonProbe } from './discovery.ts';
import type { SandboxTool } from './sandbox.ts';
import type { SandboxKind } from './types.ts';

/** Where the code sees its working directory under bubblewrap: where OpenAI's interpreter keeps files, so models already write there. */
export const SANDBOX_WORKDIR = '/mnt/data';

/** How to start one kernel process. */
export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  sandbox: SandboxKind;
  /** The working directory as the code sees it. */
  codeWorkdir: string;
}

export interface LaunchInput {
  /** null: unsandboxed (only when the user allowed it). */
  tool: SandboxTool | null;
  python: PythonProbe;
  /** The session's working directory on this machine: the only place the code may write to and keep. */
  workdir: string;
  /** A private directory for HOME and temporary files where no private /tmp can be mounted. */
  scratchDir: string;
  kernelSource: string;
}

const MAX_MATH_THREADS = 4;
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];
/** Pieces of /etc that the dynamic loader, Python, fonts and matplotlib read; the rest stays hidden. */
const ETC_ENTRIES = ['ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'alternatives', 'fonts', 'localtime', 'timezone', 'matplotlibrc', 'mime.types', 'ssl'];

const within = (path: string, dir: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** `sys.path` entries outside the interpreter's own prefixes: they reach the kernel through PYTHONPATH. */
function extraSearchPath(python: PythonProbe): string[] {
  return python.searchPath.filter((p) => isAbsolute(p) && !python.prefixes.some((prefix) => within(p, prefix)));
}

/** Directories the interpreter needs to read, outside the system directories that are bound anyway. */
function pythonDirs(python: PythonProbe): string[] {
  const dirs = [...new Set([...python.prefixes, dirname(python.executable), ...extraSearchPath(python)].filter(isAbsolute))];
  const outermost = dirs.filter((d) => !dirs.some((other) => other !== d && within(d, other)));
  return outermost.filter((d) => !SYSTEM_DIRS.some((s) => within(d, s)));
}

const pythonArgs = (kernelSource: string) => ['-u', '-B', '-c', kernelSource];

function baseEnv(python: PythonProbe, home: string): Record<string, string> {
  const env: Record<string, string> = {
    HOME: home,
    TMPDIR: home,
    MPLCONFIGDIR: `${home}/matplotlib`,
    LANG: 'C.UTF-8',
    USER: 'sandbox',
    LOGNAME: 'sandbox',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  // BLAS libraries start a thread per core, each with its own stack: on a big machine that alone
  // would use up the address-space limit the moment the code imports numpy.
  const threads = String(Math.min(MAX_MATH_THREADS, availableParallelism()));
  for (const name of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[name] = threads;
  const extra = extraSearchPath(python);
  if (extra.length > 0) env.PYTHONPATH = extra.join(process.platform === 'win32' ? ';' : ':');
  return env;
}

function bubblewrapArgs(input: LaunchInput): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-all', '--cap-drop', 'ALL', '--clearenv'];
  for (const dir of SYSTEM_DIRS) {
    const stat = lstatSync(dir, { throwIfNoEntry: false });
    if (!stat) continue;
    // Merged-/usr systems have /bin → usr/bin: recreate the link rather than binding the same tree twice.
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  const etc = readdirSync('/etc').filter((name) => ETC_ENTRIES.includes(name) || name.startsWith('python3'));
  for (const name of etc) args.push('--ro-bind', `/etc/${name}`, `/etc/${name}`);
  for (const dir of pythonDirs(input.python)) args.push('--ro-bind-try', dir, dir);
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  args.push('--bind', input.workdir, SANDBOX_WORKDIR, '--chdir', SANDBOX_WORKDIR);
  // The root is bubblewrap's own tmpfs: read-only, so that nothing but /mnt/data and /tmp takes writes.
  args.push('--remount-ro', '/');
  const env = { ...baseEnv(input.python, '/tmp'), PATH: '/usr/local/bin:/usr/bin:/bin' };
  for (const [key, value] of Object.entries(env)) args.push('--setenv', key, value);
  return [...args, input.python.executable, ...pythonArgs(input.kernelSource)];
}

const sbString = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The macOS profile: everything the interpreter needs is allowed by default, then network and writes
 * are denied except to the working and scratch directories, and the user's home is unreadable except
 * for those and Python's own directories. Later rules win in SBPL, so the order matters.
 */
export function sandboxExecProfile(input: LaunchInput, home: string): string {
  const readable = [input.workdir, input.scratchDir, ...pythonDirs(input.python)].map((d) => `(subpath ${sbString(d)})`).join(' ');
  return [
    '(version 1)',
    '(allow default)',
    '(deny network*)',
    '(deny file-write*)',
    `(allow file-write* (subpath ${sbString(input.workdir)}) (subpath ${sbString(input.scratchDir)}) (literal "/dev/null"))`,
    `(deny file-read* (subpath ${sbString(home)}))`,
    `(allow file-read* ${readable})`,
  ].join('\n');
}

/** The command that starts the kernel confined by the given sandbox (or unconfined when there is none). */
export function planLaunch(input: LaunchInput, userHome: string): LaunchPlan {
  const { tool } = input;
  if (tool?.kind === 'bubblewrap') {
    return { command: tool.command, args: bubblewrapArgs(input), env: {}, cwd: input.workdir, sandbox: 'bubblewrap', codeWorkdir: SANDBOX_WORKDIR };
  }
  const env = baseEnv(input.python, input.scratchDir);
  if (process.platform === 'win32') {
    // Python on Windows needs SYSTEMROOT for its crypto and socket modules.
    Object.assign(env, { PATH: process.env.PATH ?? '', SYSTEMROOT: process.env.SYSTEMROOT ?? 'C:\\Windows', TEMP: input.scratchDir, TMP: input.scratchDir });
  } else {
    env.PATH = '/usr/local/bin:/usr/bin:/bin';
  }
  const python = [input.python.executable, ...pythonArgs(input.kernelSource)];
  if (tool?.kind === 'sandbox-exec') {
    return {
      command: tool.command,
      args: ['-p', sandboxExecProfile(input, userHome), ...python],
      env,
      cwd: input.workdir,
      sandbox: 'sandbox-exec',
      codeWorkdir: input.workdir,
    };
  }
  return { command: python[0]!, args: python.slice(1), env, cwd: input.workdir, sandbox: 'none', codeWorkdir: input.workdir };
}
