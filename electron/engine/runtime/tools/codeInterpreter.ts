import { isAbsolute, resolve } from 'node:path';
import { AppFailure } from '../../../../shared/errors.ts';
import type { CodeInterpreterToolCall } from '../../../../shared/runtime/steps.ts';
import { modelOutput } from '../../codeInterpreter/modelOutput.ts';
import type { SessionManager } from '../../codeInterpreter/manager.ts';
import type { Session } from '../../codeInterpreter/session.ts';
import type { ExecutionResult, InputFile } from '../../codeInterpreter/types.ts';
import type { CodeInterpreterToolConfig } from '../../compile/types.ts';
import { collectKnowledgeFiles } from '../../fileSearch/sources.ts';
import { errorOutput } from '../../handlers/runner.ts';
import type { CallOutcome, CodeInterpreterDetail } from '../../tools/types.ts';
import type { KnowledgeReach } from '../../trust.ts';
import type { RunReferences } from './citations.ts';
import { UNSAVED_PROJECT } from './fileSearch.ts';
import type { RuntimeFiles } from './runtimeFiles.ts';

type StepDetails = CodeInterpreterToolCall['code_interpreter'];
type StepProblem = NonNullable<StepDetails['problems']>[number];

/** What the interpreter needs to know about the run calling it. */
export interface InterpreterRun {
  threadId: string;
  callId: string;
  projectDir: string | null;
  /** Where each Knowledge node's files may be read from (see trust.ts). */
  reach: KnowledgeReach;
  signal: AbortSignal;
  references: RunReferences;
}

/**
 * The local Code Interpreter inside runs: one session per thread (its state lives across runs), the
 * Knowledge wired into the node copied into its working directory when it changed, and images and
 * output files kept as runtime files so the step and the message can point at them.
 */
export class LocalInterpreter {
  readonly #sessions: SessionManager;
  readonly #files: RuntimeFiles;
  /** Per thread: the content hash of each Knowledge file last copied in, by its name in the working directory. */
  readonly #copied = new Map<string, Map<string, string>>();

  constructor(sessions: SessionManager, files: RuntimeFiles) {
    this.#sessions = sessions;
    this.#files = files;
  }

  /** Runs one `code_interpreter({code})` call with the node's limits; a cancelled run stops the code. */
  async call(tool: CodeInterpreterToolConfig, code: string, run: InterpreterRun): Promise<CallOutcome<CodeInterpreterDetail>> {
    const started = performance.now();
    let result: ExecutionResult;
    let problems: StepProblem[] = [];
    try {
      const session = this.#sessions.get(run.threadId);
      problems = await this.#copyKnowledge(session, tool, run);
      result = await session.run(code, { timeLimitMs: tool.timeLimitMs, memoryLimitMb: tool.memoryLimitMb, signal: run.signal });
    } catch (error) {
      if (run.signal.aborted) throw run.signal.reason;
      if (!(error instanceof AppFailure)) throw error;
      // No Python, no sandbox, or an unusable working directory: the model hears why, the run goes on.
      const message = `The code did not run: ${error.message}`;
      return {
        output: errorOutput('interpreter_unavailable', message),
        logs: [],
        durationMs: Math.round(performance.now() - started),
        error: { code: 'interpreter_unavailable', message },
        detail: { outputs: [], files: [], problems },
      };
    }
    const details = await this.#store(result, run);
    return {
      output: modelOutput(result),
      logs: [],
      durationMs: result.durationMs,
      error: errorOf(result),
      detail: { ...details, problems, sandbox: result.sandbox },
    };
  }

  /**
   * Places files in the thread's working directory now (message attachments). Without Python or a
   * sandbox nothing is placed, and the thread's next call says why the code cannot run.
   */
  async addFiles(threadId: string, files: readonly InputFile[]): Promise<void> {
    try {
      await this.#sessions.get(threadId).addFiles(files);
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
    }
  }

  /** Forgets a deleted thread: its Python process and its working directory go. */
  async removeThread(threadId: string): Promise<void> {
    this.#copied.delete(threadId);
    await this.#sessions.remove(threadId);
  }

  async #copyKnowledge(session: Session, tool: CodeInterpreterToolConfig, run: InterpreterRun): Promise<StepProblem[]> {
    const problems: StepProblem[] = [];
    const copied = this.#copied.get(run.threadId) ?? new Map<string, string>();
    this.#copied.set(run.threadId, copied);
    const changed: InputFile[] = [];
    const hashes = new Map<string, string>();
    for (const knowledge of tool.files) {
      let selection = knowledge;
      if (run.projectDir === null) {
        problems.push(...knowledge.paths.filter((p) => !isAbsolute(p)).map((path) => ({ node_id: knowledge.nodeId, path, message: UNSAVED_PROJECT })));
        selection = { ...knowledge, paths: knowledge.paths.filter((p) => isAbsolute(p)) };
      }
      const collected = await collectKnowledgeFiles(run.projectDir ?? '/', selection, { signal: run.signal, confineTo: run.reach(knowledge.nodeId) });
      problems.push(...collected.problems.map((p) => ({ node_id: knowledge.nodeId, ...p })));
      for (const source of collected.sources) {
        const hash = await source.hash();
        if (copied.get(source.name) === hash) continue;
        changed.push({ name: source.name, sourcePath: source.file ?? resolve(run.projectDir ?? '/', source.path) });
        hashes.set(source.name, hash);
      }
    }
    // Runtime files never change under their id, so the id stands for their content.
    for (const fileId of tool.fileIds) {
      const file = this.#files.find(fileId);
      if (!file || file.path === null) {
        problems.push({ node_id: tool.nodeId, path: fileId, message: `There is no file "${fileId}" to place in the working directory.` });
        continue;
      }
      if (copied.get(file.filename) === fileId) continue;
      changed.push({ name: file.filename, sourcePath: file.path });
      hashes.set(file.filename, fileId);
    }
    if (changed.length > 0) {
      await session.addFiles(changed);
      for (const [name, hash] of hashes) copied.set(name, hash);
    }
    return problems;
  }

  /** Keeps the images and output files as runtime files; the run's messages may link the files. */
  async #store(result: ExecutionResult, run: InterpreterRun): Promise<Omit<StepDetails, 'input' | 'problems'>> {
    const outputs: StepDetails['outputs'] = [];
    let images = 0;
    for (const output of result.outputs) {
      if (output.type === 'logs') {
        outputs.push(output);
        continue;
      }
      images += 1;
      const file = await this.#files.save(`${run.callId}-${images}.png`, { bytes: output.image.bytes });
      outputs.push({ type: 'image', image: { file_id: file.id } });
      run.references.addImage(file.id);
    }
    const files: NonNullable<StepDetails['files']> = [];
    for (const written of result.files) {
      const file = await this.#files.save(written.name, { path: written.path });
      run.references.addOutputFile(written.codePath, file.id);
      files.push({ file_id: file.id, name: written.name, path: written.codePath });
    }
    return { outputs, files };
  }
}

function errorOf(result: ExecutionResult): { code: string; message: string } | null {
  if (result.status === 'ok') return null;
  const message = result.error ? `${result.error.name}: ${result.error.message}` : `The execution ended with status ${result.status}.`;
  return { code: result.status === 'error' ? 'execution_error' : result.status, message };
}
