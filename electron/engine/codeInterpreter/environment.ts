import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { AppFailure } from '../../../shared/errors.ts';
import { findPython, pythonHints, type ProbeOutcome, type PythonProbe, type ScientificPackage } from './discovery.ts';
import { detectSandbox, type SandboxKind, type SandboxStatus, type SandboxTool } from '../sandbox/detect.ts';

/** Everything a session needs to start Python: found once, shared by all sessions. */
export interface InterpreterEnvironment {
  python: PythonProbe;
  /** The sandbox to use; null means unsandboxed, which only happens when the user allowed it. */
  tool: SandboxTool | null;
  plan: SandboxKind;
  /** util-linux's prlimit (Linux), for the limits of an unsandboxed kernel. */
  prlimit: string | null;
  kernelSource: string;
  userHome: string;
}

export interface EnvironmentOptions {
  /** The Python the user configured; otherwise one is found. */
  pythonPath?: string;
  /** Run without a sandbox where none is available. Off unless the user switches it on. @default false */
  allowUnsandboxed?: boolean;
  /** `off` runs unsandboxed even where a sandbox exists (e.g. to reach the network); it needs `allowUnsandboxed`. @default 'auto' */
  sandbox?: 'auto' | 'off';
  /** kernel.py's source; by default read from beside this module (a packaged app passes it in). */
  kernelSource?: string;
}

/** What the settings screen shows: the Python that will be used, its packages, how to fix what is missing, and the sandbox. */
export interface PythonInspection {
  path: string | null;
  executable: string | null;
  version: string | null;
  packages: Record<ScientificPackage, boolean>;
  hints: string[];
  sandbox: SandboxStatus;
  /** Every interpreter that was tried, with why it was not usable. */
  candidates: { path: string; version: string | null; problem: string | null }[];
}

const KERNEL_FILE = new URL('./kernel.py', import.meta.url);

const describeCandidates = (outcomes: ProbeOutcome[]) =>
  outcomes.map((o) => (o.ok ? { path: o.probe.path, version: o.probe.version, problem: null } : { path: o.path, version: null, problem: o.problem }));

export async function inspectPython(configuredPath?: string): Promise<PythonInspection> {
  const [{ chosen, outcomes }, { status }] = await Promise.all([findPython(configuredPath), detectSandbox()]);
  const hints = pythonHints(chosen, process.platform);
  if (!status.available && status.kind !== 'none') hints.push(status.detail);
  return {
    path: chosen?.path ?? null,
    executable: chosen?.executable ?? null,
    version: chosen?.version ?? null,
    packages: chosen?.packages ?? { numpy: false, pandas: false, matplotlib: false },
    hints,
    sandbox: status,
    candidates: describeCandidates(outcomes),
  };
}

/** Finds Python and the sandbox; throws an `AppFailure` that says what to do when code cannot run. */
export async function resolveEnvironment(options: EnvironmentOptions): Promise<InterpreterEnvironment> {
  const [{ chosen, outcomes }, sandbox, kernelSource] = await Promise.all([
    findPython(options.pythonPath),
    detectSandbox(),
    options.kernelSource ?? readFile(KERNEL_FILE, 'utf8'),
  ]);
  if (!chosen) {
    const tried = describeCandidates(outcomes).map((c) => `${c.path}: ${c.problem}`);
    throw new AppFailure('E_UNSUPPORTED', `The code interpreter needs Python 3, and none could be used. ${pythonHints(null).join(' ')}`, tried);
  }
  const tool = options.sandbox === 'off' ? null : sandbox.tool;
  if (!tool && !options.allowUnsandboxed) {
    const why = options.sandbox === 'off' ? 'The sandbox was switched off.' : sandbox.status.detail;
    throw new AppFailure(
      'E_UNSUPPORTED',
      `The code interpreter runs code only in a sandbox. ${why} To run code without one, allow unsandboxed execution in the settings.`,
    );
  }
  return { python: chosen, tool, plan: tool?.kind ?? 'none', prlimit: sandbox.prlimit, kernelSource, userHome: homedir() };
}
