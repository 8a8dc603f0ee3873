export { inspectPython, resolveEnvironment, KERNEL_FILE, type EnvironmentOptions, type InterpreterEnvironment, type PythonInspection } from './environment.ts';
export {
  findPython,
  probePython,
  pythonCandidates,
  pythonHints,
  SCIENTIFIC_PACKAGES,
  type ProbeOutcome,
  type PythonProbe,
  type ScientificPackage,
} from './discovery.ts';
export { detectSandbox, type SandboxStatus, type SandboxTool } from './sandbox.ts';
export { planLaunch, sandboxExecProfile, SANDBOX_WORKDIR, type LaunchInput, type LaunchPlan } from './launch.ts';
export { SessionManager, type SessionManagerOptions } from './manager.ts';
export { Session, type RunOptions } from './session.ts';
export * from './types.ts';
export { modelOutput } from './modelOutput.ts';
