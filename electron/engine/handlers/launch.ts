import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { bubblewrapArgs } from '../sandbox/bubblewrap.ts';
import type { SandboxKind, SandboxTool } from '../sandbox/detect.ts';
import { prlimitArgs } from '../sandbox/limits.ts';
import { sandboxExecProfile } from '../sandbox/sandboxExec.ts';

/** Limits of one handler process. */
export interface HandlerLimits {
  /** JavaScript heap and memory outside it (Buffers, typed arrays) each stay within this. */
  memoryMb: number;
  /** Processes and threads (Node's own, about ten, count). */
  processes: number;
  /** Size of the private /tmp. */
  tmpMb: number;
}

/** Where handler processes run: in a sandbox, or without one where the user allowed it (`tool` null). */
export interface HandlerIsolation {
  tool: SandboxTool | null;
  /** util-linux's prlimit, for the memory limit without a sandbox (Linux). */
  prlimit: string | null;
}

/** How to start one handler process. */
export interface HandlerLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  sandbox: SandboxKind;
  /** A process group of its own, killed as a whole. */
  detached: boolean;
}

/**
 * What Node itself takes before the handler allocates anything, on top of the heap cap. Measured with
 * Node 22 in the sandbox (VmData): 68 MB idle, 82 MB once fetch's classes are loaded, 115 MB once the
 * libuv pool's four threads (8 MB stacks) run. Electron as Node was not measured, hence the margin.
 */
const NODE_BASELINE_MB = 160;
/** The pieces of /etc Node reads: the dynamic loader's cache and the time zone. */
const ETC = ['ld.so.cache', 'ld.so.conf', 'ld.so.conf.d', 'localtime', 'timezone'];

/**
 * Node's permission model, a second layer inside the sandbox and the only one without it: the handler
 * reads its own program (and /tmp under bubblewrap, which is private there), writes only there, loads
 * no native addons and starts no workers; it starts processes only under bubblewrap, whose pid
 * namespace ends them all.
 */
function permissions(programDir: string, bubblewrap: boolean): string[] {
  const flags = ['--permission', `--allow-fs-read=${programDir}`];
  if (bubblewrap) flags.push('--allow-fs-read=/tmp', '--allow-fs-write=/tmp', '--allow-child-process');
  return flags;
}

/** The command that starts a handler process running `program` with `execPath` (Node, or Electron as Node). */
export function planHandler(isolation: HandlerIsolation, execPath: string, program: string, limits: HandlerLimits): HandlerLaunch {
  const node = realpathSync(execPath);
  const programDir = dirname(program);
  const { tool } = isolation;
  const nodeArgs = [
    `--max-old-space-size=${limits.memoryMb}`,
    '--no-warnings',
    '--disable-proto=throw',
    ...permissions(programDir, tool?.kind === 'bubblewrap'),
    program,
  ];
  const env = { ELECTRON_RUN_AS_NODE: '1' };
  const dataMb = limits.memoryMb + NODE_BASELINE_MB;
  if (tool?.kind === 'bubblewrap') {
    const args = bubblewrapArgs(tool, {
      argv: [node, ...nodeArgs],
      // Node finds its IPC channel through these; spawn sets them for bubblewrap, whose --clearenv drops them.
      env: { ...env, NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'advanced' },
      readable: [dirname(node), programDir],
      etc: ETC,
      tmpMb: limits.tmpMb,
      limits: { dataMb, processes: limits.processes },
    });
    // A group of its own too: bubblewrap's first child waits for a go from bubblewrap before it ties its
    // life to it, and a bubblewrap killed before that would leave it waiting forever (13 of 40 here).
    return { command: tool.command, args, env, sandbox: 'bubblewrap', detached: true };
  }
  if (tool?.kind === 'sandbox-exec') {
    // sandbox-exec has no pid namespace and no death with the app: the process group is killed on
    // timeout and cancel, and a handler that ignores its closed channel outlives an app that was killed.
    // macOS enforces neither RLIMIT_DATA nor a per-sandbox process count; the heap cap still holds.
    const profile = sandboxExecProfile({ writable: [], readable: [dirname(node), programDir], home: homedir() });
    return { command: tool.command, args: ['-p', profile, node, ...nodeArgs], env, sandbox: 'sandbox-exec', detached: true };
  }
  const command = isolation.prlimit ? [...prlimitArgs(isolation.prlimit, { dataMb }), node, ...nodeArgs] : [node, ...nodeArgs];
  return { command: command[0]!, args: command.slice(1), env, sandbox: 'none', detached: process.platform !== 'win32' };
}
