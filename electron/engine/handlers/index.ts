export {
  createProcessRunner,
  compileHandler,
  errorOutput,
  truncateOutput,
  type HandlerJob,
  type HandlerResult,
  type HandlerRunner,
  type ProcessRunnerOptions,
} from './runner.ts';
export type { HandlerErrorCode } from './protocol.ts';
export { sampleArgs } from './sampleArgs.ts';
export { testHandler, UNTRUSTED_MESSAGE, type TestHandlerOptions, type TestHandlerResult } from './testHandler.ts';
