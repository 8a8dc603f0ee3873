// The program a Function handler runs in: one short-lived process per call, started by runner.ts.
// It talks to the parent only over the IPC channel, so stdout and stderr stay free for diagnostics.
import { inspect } from 'node:util';
import { proxiedFetch } from './childFetch.ts';
import type { ChildMessage, ParentMessage } from './protocol.ts';

let settled = false;
// The handler's data: URL, replaced by a readable name in stack traces.
let moduleUrl = '';

function send(message: ChildMessage): void {
  if (process.connected) process.send?.(message);
}

// Exit only once the final message has been handed to the channel, or the parent might miss it.
function finish(message: ChildMessage): void {
  if (settled) return;
  settled = true;
  if (!process.connected) process.exit(0);
  process.send?.(message, () => process.exit(0));
}

const LINE_LIMIT = 8192;

const format = (values: unknown[]): string => {
  const line = values.map((v) => (typeof v === 'string' ? v : inspect(v, { depth: 4, breakLength: Infinity }))).join(' ');
  return line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT)}… [line cut at ${LINE_LIMIT} characters]` : line;
};

/** The error with the stack frames inside the handler only (this program's frames mean nothing to the user). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return inspect(error);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => moduleUrl !== '' && line.includes(moduleUrl))
    .slice(0, 5);
  const stack = frames.map((line) => line.replaceAll(moduleUrl, 'handler.ts')).join('\n');
  return `${error.name}: ${error.message}${stack ? `\n${stack}` : ''}`;
}

for (const method of ['log', 'info', 'debug', 'warn', 'error'] as const) {
  const prefix = method === 'warn' || method === 'error' ? `[${method}] ` : '';
  console[method] = (...values: unknown[]) => send({ type: 'log', line: prefix + format(values) });
}

/** Buffers and typed arrays live outside the JavaScript heap, under the process's memory limit: failing to get one is running out of memory. */
const outOfMemory = (error: unknown) => error instanceof RangeError && /Array buffer allocation failed|allocation failed/i.test(error.message);

function threw(error: unknown, where: string): ChildMessage {
  if (outOfMemory(error)) return { type: 'error', code: 'out_of_memory', message: describeError(error) };
  return { type: 'error', code: 'handler_threw', message: `The handler threw${where}: ${describeError(error)}` };
}

process.on('uncaughtException', (error) => finish(threw(error, ' outside its promise')));
process.on('unhandledRejection', (reason) =>
  finish({ type: 'error', code: 'unhandled_rejection', message: `A promise was rejected and nothing handled it: ${describeError(reason)}` }),
);

function serialize(value: unknown): ChildMessage {
  if (typeof value === 'string') return { type: 'result', output: value };
  try {
    return { type: 'result', output: JSON.stringify(value ?? null) };
  } catch (error) {
    return { type: 'error', code: 'invalid_output', message: `The handler returned a value that cannot be turned into JSON: ${describeError(error)}` };
  }
}

const controller = new AbortController();
const network = proxiedFetch(send, controller.signal);
// Plain fetch goes the same way as ctx.fetch: there is no other way out of the sandbox.
globalThis.fetch = network.fetch;
let started = false;

process.on('message', (message: ParentMessage) => {
  if (message.type === 'job') {
    if (!started) void run(message);
    started = true;
  } else if (message.type === 'abort') {
    // The parent kills the process shortly after this; the signal gives fetches a chance to stop cleanly.
    controller.abort(new Error('The handler was cancelled or ran out of time.'));
  } else {
    network.receive(message);
  }
});

async function run(job: Extract<ParentMessage, { type: 'job' }>): Promise<void> {
  const signal = controller.signal;
  const ctx = Object.freeze({
    signal,
    log: (...values: unknown[]) => send({ type: 'log', line: format(values) }),
    // Ends with the call (the signal) like any request of the handler.
    fetch: network.fetch,
    env: Object.freeze({ ...job.env }),
  });
  try {
    moduleUrl = `data:text/javascript;base64,${Buffer.from(job.source).toString('base64')}`;
    const module = (await import(moduleUrl)) as { default?: unknown };
    if (typeof module.default !== 'function') {
      finish({
        type: 'error',
        code: 'no_default_export',
        message: 'The handler module has no default export function: write `export default async function handler(args, ctx) { … }`.',
      });
      return;
    }
    finish(serialize(await module.default(job.args, ctx)));
  } catch (error) {
    finish(threw(error, ''));
  }
}

// Listening now: a process started ahead of its call may be given its job.
send({ type: 'ready' });
