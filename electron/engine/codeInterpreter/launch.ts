import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative } from 'node:path';
import { bubblewrapArgs, SYSTEM_DIRS } from '../sandbox/bubblewrap.ts';
import type { SandboxKind, SandboxTool } from '../sandbox/detect.ts';
import { prlimitArgs } from '../sandbox/limits.ts';
import { sandboxExecProfile as seatbeltProfile } from '../sandbox/sandboxExec.ts';
import type { PythonProbe } from './discovery.ts';
import type { ExecutionLimits } from './types.ts';

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
  /** The limits the process starts with: they cannot change while it runs. */
  limits: KernelLimits;
  /** util-linux's prlimit, which sets the memory and file limits without a sandbox too (Linux); null elsewhere. */
  prlimit: string | null;
}

/** The limits fixed when a kernel process starts. */
export type KernelLimits = Pick<ExecutionLimits, 'memoryLimitMb' | 'processes' | 'tmpMb' | 'workdirMb'>;

const MAX_MATH_THREADS = 4;
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

/** The entries of /etc the kernel sees. */
const etcEntries = () => [...ETC_ENTRIES, ...readdirSync('/etc').filter((name) => name.startsWith('python3'))];

function bubblewrapPlan(input: LaunchInput, tool: Extract<SandboxTool, { kind: 'bubblewrap' }>): string[] {
  const { limits } = input;
  return bubblewrapArgs(tool, {
    argv: [input.python.executable, ...pythonArgs(input.kernelSource)],
    env: { ...baseEnv(input.python, '/tmp'), PATH: '/usr/local/bin:/usr/bin:/bin' },
    readable: pythonDirs(input.python),
    etc: etcEntries(),
    workdir: { path: input.workdir, target: SANDBOX_WORKDIR },
    tmpMb: limits.tmpMb,
    limits: { addressSpaceMb: limits.memoryLimitMb, processes: limits.processes, fileMb: limits.workdirMb },
  });
}

/** The macOS profile: writes only to the working and scratch directories, and of the home folder only those and Python's own directories readable. */
export function sandboxExecProfile(input: LaunchInput, home: string): string {
  return seatbeltProfile({ writable: [input.workdir, input.scratchDir], readable: pythonDirs(input.python), home });
}

/** The command that starts the kernel confined by the given sandbox (or unconfined when there is none). */
export function planLaunch(input: LaunchInput, userHome: string): LaunchPlan {
  const { tool } = input;
  if (tool?.kind === 'bubblewrap') {
    return { command: tool.command, args: bubblewrapPlan(input, tool), env: {}, cwd: input.workdir, sandbox: 'bubblewrap', codeWorkdir: SANDBOX_WORKDIR };
  }
  const env = baseEnv(input.python, input.scratchDir);
  if (process.platform === 'win32') {
    // Python on Windows needs SYSTEMROOT for its crypto and socket modules.
    Object.assign(env, { PATH: process.env.PATH ?? '', SYSTEMROOT: process.env.SYSTEMROOT ?? 'C:\\Windows', TEMP: input.scratchDir, TMP: input.scratchDir });
  } else {
    env.PATH = '/usr/local/bin:/usr/bin:/bin';
  }
  const python = [input.python.executable, ...pythonArgs(input.kernelSource)];
  // macOS cannot lower RLIMIT_AS and counts RLIMIT_NPROC over all of the user's processes, so under
  // sandbox-exec only the time limit and the working directory's quota hold.
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
  // Unsandboxed, a process limit would count every process of the user; memory and file limits still hold.
  const { memoryLimitMb, workdirMb } = input.limits;
  const command = input.prlimit ? [...prlimitArgs(input.prlimit, { addressSpaceMb: memoryLimitMb, fileMb: workdirMb }), ...python] : python;
  return { command: command[0]!, args: command.slice(1), env, cwd: input.workdir, sandbox: 'none', codeWorkdir: input.workdir };
}
