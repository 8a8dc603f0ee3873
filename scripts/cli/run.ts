import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import type { RunEvent } from '../../shared/runtime/events.ts';
import type { Run } from '../../shared/runtime/objects.ts';
import type { ToolCall } from '../../shared/runtime/steps.ts';
import {
  createProcessRunner,
  createRuntime,
  describeToolCall,
  openStore,
  type ProviderConnection,
  type Runtime,
  type Store,
} from '../../electron/engine/index.ts';
import { note, oneLine, out } from './output.ts';
import { callerPath, pickAssistant, UsageError, type LoadedProject } from './project.ts';

/** The options of `run`, as given on the command line. */
export interface RunOptions {
  message: string;
  assistant: string | undefined;
  provider: string;
  baseUrl: string | undefined;
  model: string | undefined;
  trust: boolean;
  json: boolean;
  db: string | undefined;
  /** `--idle-timeout`, in seconds. */
  idleTimeout: string | undefined;
}

const OUTPUT_SHOWN = 200;

/** The connection from the options and the environment (OPENAI_BASE_URL, OPENAI_API_KEY); `serve` uses it too. */
export function connectionFrom(options: Pick<RunOptions, 'provider' | 'baseUrl'>, env: NodeJS.ProcessEnv): ProviderConnection {
  if (options.provider !== 'openai' && options.provider !== 'compatible') {
    throw new UsageError(`--provider must be openai or compatible (got "${options.provider}").`);
  }
  const baseUrl = options.baseUrl ?? env.OPENAI_BASE_URL ?? '';
  const apiKey = env.OPENAI_API_KEY ?? '';
  if (options.provider === 'compatible' && baseUrl === '') throw new UsageError('--provider compatible needs --base-url or OPENAI_BASE_URL.');
  if (options.provider === 'openai' && apiKey === '') throw new UsageError('--provider openai needs the key in OPENAI_API_KEY.');
  return { api: options.provider === 'openai' ? 'responses' : 'chat', baseUrl, apiKey };
}

/** `--idle-timeout <seconds>` as the runtime's `streamIdleTimeoutMs`; absent keeps the runtime's default. `serve` uses it too. */
export function idleTimeoutFrom(value: string | undefined): { streamIdleTimeoutMs?: number } {
  if (value === undefined) return {};
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--idle-timeout must be a number of seconds above 0 (got "${value}").`);
  return { streamIdleTimeoutMs: Math.round(seconds * 1000) };
}

function describeCall(call: ToolCall): string[] {
  const { name, input, result } = describeToolCall(call);
  // A function's output already carries its error for the model; other tools' errors are said here.
  const failure = call.error && call.type !== 'function' ? `  (${call.error.code}: ${call.error.message})` : '';
  const line = `tool ${name} ${oneLine(input, OUTPUT_SHOWN)} → ${oneLine(result, OUTPUT_SHOWN)}${failure}`;
  if (call.error?.code !== 'untrusted') return [line];
  return [line, `${name}: the handler did not run because the project is not trusted; pass --trust to run its handlers.`];
}

/** Prints a run's events as they come: the answer to stdout, tool calls to stderr. */
function reporter(json: boolean): (event: RunEvent) => void {
  // Messages whose text is on stdout; one of them in progress again was taken back (its stream broke).
  const printed = new Set<string>();
  return (event) => {
    if (event.event === 'thread.message.delta' && !json) {
      printed.add(event.data.id);
      for (const part of event.data.delta.content) out(part.text.value);
    } else if (event.event === 'thread.message.in_progress' && printed.delete(event.data.id)) {
      out('\n');
      note("The provider's stream broke; the answer starts over.");
    } else if (event.event === 'thread.run.step.completed' && event.data.step_details.type === 'tool_calls') {
      for (const call of event.data.step_details.tool_calls) describeCall(call).forEach(note);
    }
  };
}

function summary(run: Run): string {
  if (!run.usage) return `run ${run.status}: ${run.model}, no token counts`;
  const cost = run.estimated_cost === null ? 'cost unknown for this model' : `about $${run.estimated_cost.toFixed(6)}`;
  return `run ${run.status}: ${run.model}, ${run.usage.total_tokens} tokens (${run.usage.prompt_tokens} in, ${run.usage.completion_tokens} out), ${cost}`;
}

/** Waits for the run's end; a run that asks for outputs cannot be answered here, so it is cancelled. */
async function settle(runtime: Runtime, runId: string): Promise<Run> {
  const paused = await runtime.runs.wait(runId, { untilAction: true });
  if (paused.status !== 'requires_action') return paused;
  const calls = paused.required_action?.submit_tool_outputs.tool_calls ?? [];
  note(`The run waits for the output of ${calls.map((c) => `${c.function.name} ${oneLine(c.function.arguments, OUTPUT_SHOWN)}`).join(', ')}.`);
  note(
    '"Ask me" functions cannot be answered headless, so the run was cancelled. Switch the function to "Run the handler" or "Return a fixed output" to run it here.',
  );
  runtime.runs.cancel(runId);
  return runtime.runs.wait(runId);
}

/**
 * Runs one assistant of the project on a new thread with the app's own runtime, streaming the answer to
 * stdout and everything else to stderr. Sets the exit code: 0 only when the run completed.
 */
export async function runCommand(loaded: LoadedProject, options: RunOptions): Promise<void> {
  const assistant = pickAssistant(loaded.project, options.assistant);
  const connection = connectionFrom(options, process.env);
  const idle = idleTimeoutFrom(options.idleTimeout);
  const db = options.db ? callerPath(options.db) : ':memory:';
  let store: Store;
  try {
    store = openStore(db);
  } catch (error) {
    throw new AppFailure('E_IO', `Cannot open the run database ${db}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'studio-cli-'));
  // One call per handler at most in a headless run, so no process is kept started ahead of the next.
  const runner = createProcessRunner({ spareIdleMs: 0 });
  const runtime = createRuntime({
    store,
    runner,
    // Whatever provider id the project names, this run goes to the connection given on the command line.
    resolveProvider: async () => connection,
    codeInterpreterDir: path.join(work, 'code-interpreter'),
    // Files the interpreter makes stay with a database that is kept, as the app keeps them with its own.
    filesDir: options.db ? path.join(path.dirname(db), 'files') : path.join(work, 'files'),
    log: { error: (message, cause) => note(`internal: ${message}${cause instanceof Error ? `: ${cause.message}` : ''}`) },
    ...idle,
  });
  // The process runs exactly one run, so every event is this run's.
  runtime.onEvent(reporter(options.json));
  try {
    const thread = runtime.threads.create({ assistantNodeId: assistant.id, title: oneLine(options.message, 60) });
    const started = await runtime.runs.create({
      project: loaded.project,
      assistantNodeId: assistant.id,
      threadId: thread.id,
      message: options.message,
      trusted: options.trust,
      projectDir: loaded.dir,
      providerId: options.provider,
      ...(options.model ? { model: options.model } : {}),
    });
    const stop = (): void => void runtime.runs.cancel(started.id);
    process.once('SIGINT', stop);
    const run = await settle(runtime, started.id).finally(() => process.off('SIGINT', stop));
    if (options.json) {
      const result = { run, steps: runtime.runs.steps(run.id), messages: runtime.messages.list(thread.id) };
      out(`${JSON.stringify(result, null, 2)}\n`);
    } else if (process.stdout.isTTY) {
      out('\n');
    }
    note(summary(run));
    if (run.last_error) note(`${run.last_error.code}: ${run.last_error.message}`);
    if (run.incomplete_details) note(`incomplete: ${run.incomplete_details.reason}`);
    if (options.db) note(`thread ${thread.id} saved in ${db}`);
    if (run.status !== 'completed') process.exitCode = 1;
  } finally {
    await runtime.close();
    runner.close?.();
    store.close();
    await rm(work, { recursive: true, force: true });
  }
}
