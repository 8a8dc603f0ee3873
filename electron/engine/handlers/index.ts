export { createProcessRunner, type HandlerRunner, type ProcessRunnerOptions } from './runner.ts';
