export { inspectPython, resolveEnvironment, type InterpreterEnvironment } from './environment.ts';
export { SessionManager, type SessionManagerOptions } from './manager.ts';
export type { ExecutionResult } from './types.ts';
