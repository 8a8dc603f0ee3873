import type { Annotation } from '../../../../shared/runtime/objects.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall, ToolCall } from '../../../../shared/runtime/steps.ts';
import type { CodeInterpreterToolConfig, FileSearchToolConfig } from '../../compile/types.ts';
import type { ContainerManager, HostedProblem, HostedRecords } from '../../hosted/index.ts';
import type { HostedAnnotation, HostedCall } from '../../providers/types.ts';
import { newToolCall } from '../../tools/index.ts';
import type { Store } from '../../store/store.ts';
import type { RunRecorder } from '../recorder.ts';
import type { RunReferences } from './citations.ts';
import type { CitedPassage } from './fileSearch.ts';
import type { RuntimeFiles } from './runtimeFiles.ts';

type InterpreterDetails = CodeInterpreterToolCall['code_interpreter'];

/** What the hosted calls of one turn need from the run. */
export interface HostedTurnContext {
  recorder: RunRecorder;
  references: RunReferences;
  files: RuntimeFiles;
  containers: ContainerManager;
  fileSearch: { tool: FileSearchToolConfig; problems: HostedProblem[] } | null;
  codeInterpreter: { tool: CodeInterpreterToolConfig; problems: HostedProblem[] } | null;
  signal: AbortSignal;
  /** The container the code ran in, so the thread's later turns and runs reuse it. */
  onContainer(containerId: string): void;
}

/** The passage id of a hosted search result: the step and call hold its text (`fileSearch.chunk` reads it back). */
const hostedChunkId = (stepId: string, callId: string, result: number): string => `hosted:${stepId}:${callId}:${result}`;

/**
 * The passage behind a hosted chunk id, read back from its run step. OpenAI does not say where in the
 * file a result lies, so the span is the passage itself (0 to its length); `path` is the local file
 * that was uploaded, when this app uploaded it.
 */
export function hostedPassage(store: Store, records: HostedRecords, chunkId: string): CitedPassage | null {
  const [, stepId = '', callId, index] = chunkId.split(':');
  const details = store.steps.get(stepId)?.step_details;
  const call = details?.type === 'tool_calls' ? details.tool_calls.find((c) => c.id === callId) : undefined;
  const result = call?.type === 'file_search' ? call.file_search.results?.[Number(index)] : undefined;
  if (!result) return null;
  const text = (result.content ?? []).map((c) => c.text).join('');
  return {
    chunkId,
    fileId: result.file_id,
    fileName: result.file_name,
    path: records.fileById(result.file_id)?.path ?? result.file_name,
    text,
    charStart: 0,
    charEnd: text.length,
  };
}

/**
 * Records the calls OpenAI ran itself during one turn (file search, code interpreter) as run-step tool
 * calls, downloads what the code produced into runtime files, and places the text's citations.
 */
export class HostedTurn {
  readonly #ctx: HostedTurnContext;
  readonly #open = new Map<string, { position: number; startedAt: number }>();
  readonly #done: { position: number; durationMs: number; call: HostedCall }[] = [];
  readonly #annotations: HostedAnnotation[] = [];
  /** Files the text cites that could not be downloaded. */
  readonly #downloadProblems: HostedProblem[] = [];

  constructor(ctx: HostedTurnContext) {
    this.#ctx = ctx;
  }

  started(index: number, callId: string, kind: HostedCall['kind']): void {
    const tool = kind === 'file_search' ? this.#ctx.fileSearch?.tool : this.#ctx.codeInterpreter?.tool;
    const position = this.#ctx.recorder.addToolCall(index, newToolCall(tool, callId, kind));
    this.#open.set(callId, { position, startedAt: performance.now() });
  }

  done(index: number, call: HostedCall): void {
    if (!this.#open.has(call.callId)) this.started(index, call.callId, call.kind);
    const open = this.#open.get(call.callId)!;
    this.#done.push({ position: open.position, durationMs: Math.round(performance.now() - open.startedAt), call });
  }

  annotate(annotation: HostedAnnotation): void {
    this.#annotations.push(annotation);
  }

  /** Completes the turn's hosted calls; `text` is the turn's whole answer text. */
  async finish(text: string): Promise<void> {
    const recorder = this.#ctx.recorder;
    const stepId = recorder.toolStepId ?? '';
    // Container files the text cites, downloaded once each: container file id → runtime file.
    const cited = new Map<string, { fileId: string; name: string } | null>();
    for (const a of this.#annotations) {
      if (a.type === 'container_file_citation' && !cited.has(a.fileId)) cited.set(a.fileId, await this.#download(a.containerId, a.fileId, a.fileName));
    }
    for (const { position, durationMs, call } of this.#done) {
      const current = recorder.toolCalls()[position];
      if (!current) continue;
      const updated =
        call.kind === 'file_search' ? this.#searchCall(current, call, stepId, durationMs) : await this.#interpreterCall(current, call, durationMs, cited);
      recorder.updateToolCall(position, updated);
    }
    for (const a of this.#annotations) {
      const annotation = this.#annotation(a, text, stepId, cited);
      if (annotation) this.#ctx.references.place(annotation);
    }
  }

  #searchCall(current: ToolCall, call: Extract<HostedCall, { kind: 'file_search' }>, stepId: string, durationMs: number): ToolCall {
    if (current.type !== 'file_search') return current;
    const results: NonNullable<FileSearchToolCall['file_search']['results']> = (call.results ?? []).map((r, i) => ({
      file_id: r.fileId,
      file_name: r.fileName,
      score: r.score,
      content: [{ type: 'text', text: r.text }],
      chunk_id: hostedChunkId(stepId, call.callId, i),
    }));
    return {
      ...current,
      duration_ms: durationMs,
      error: failure(call.status, 'The hosted file search'),
      file_search: { ...current.file_search, query: call.queries.join('\n'), queries: call.queries, results, problems: this.#ctx.fileSearch?.problems ?? [] },
    };
  }

  async #interpreterCall(
    current: ToolCall,
    call: Extract<HostedCall, { kind: 'code_interpreter' }>,
    durationMs: number,
    cited: Map<string, { fileId: string; name: string } | null>,
  ): Promise<ToolCall> {
    if (current.type !== 'code_interpreter') return current;
    this.#ctx.onContainer(call.containerId);
    const problems = [...(this.#ctx.codeInterpreter?.problems ?? []), ...this.#downloadProblems];
    const nodeId = this.#ctx.codeInterpreter?.tool.nodeId ?? '';
    const outputs: InterpreterDetails['outputs'] = [];
    let images = 0;
    for (const output of call.outputs ?? []) {
      if (output.type === 'logs') {
        outputs.push(output);
        continue;
      }
      images += 1;
      try {
        const bytes = await this.#imageBytes(output.url, call.containerId);
        const file = await this.#ctx.files.save(`${call.callId}-${images}.png`, { bytes });
        outputs.push({ type: 'image', image: { file_id: file.id } });
        this.#ctx.references.addImage(file.id);
      } catch (error) {
        if (this.#ctx.signal.aborted) throw this.#ctx.signal.reason;
        problems.push({ node_id: nodeId, path: '', message: `An image of the code could not be downloaded: ${messageOf(error)}` });
      }
    }
    const files: NonNullable<InterpreterDetails['files']> = [];
    for (const a of this.#annotations) {
      const saved = a.type === 'container_file_citation' && a.containerId === call.containerId ? cited.get(a.fileId) : null;
      if (saved && !files.some((f) => f.file_id === saved.fileId)) files.push({ file_id: saved.fileId, name: saved.name, path: `/mnt/data/${saved.name}` });
    }
    return { ...current, duration_ms: durationMs, error: failure(call.status, 'The code'), code_interpreter: { input: call.code, outputs, files, problems } };
  }

  /** An image output's bytes: a container file link (downloaded with the key) or a data URL. */
  async #imageBytes(url: string, containerId: string): Promise<Uint8Array> {
    const data = /^data:[^;,]*;base64,(.*)$/s.exec(url);
    if (data) return new Uint8Array(Buffer.from(data[1]!, 'base64'));
    const file = /\/containers\/([^/]+)\/files\/([^/]+)\/content$/.exec(new URL(url).pathname);
    if (!file) throw new Error(`it is not a container file (${url.slice(0, 100)})`);
    return this.#ctx.containers.download(decodeURIComponent(file[1] ?? containerId), decodeURIComponent(file[2]!), this.#ctx.signal);
  }

  async #download(containerId: string, fileId: string, name: string): Promise<{ fileId: string; name: string } | null> {
    try {
      const bytes = await this.#ctx.containers.download(containerId, fileId, this.#ctx.signal);
      const file = await this.#ctx.files.save(name, { bytes });
      return { fileId: file.id, name: file.filename };
    } catch (error) {
      if (this.#ctx.signal.aborted) throw this.#ctx.signal.reason;
      this.#downloadProblems.push({
        node_id: this.#ctx.codeInterpreter?.tool.nodeId ?? '',
        path: name,
        message: `The file could not be downloaded: ${messageOf(error)}`,
      });
      return null;
    }
  }

  #annotation(a: HostedAnnotation, text: string, stepId: string, cited: Map<string, { fileId: string } | null>): Annotation | null {
    if (a.type === 'container_file_citation') {
      const saved = cited.get(a.fileId);
      if (!saved) return null;
      return { type: 'file_path', text: text.slice(a.start, a.end), start_index: a.start, end_index: a.end, file_path: { file_id: saved.fileId } };
    }
    const span = citedSpan(text, a.index);
    const source = this.#firstResult(a.fileId, stepId);
    return {
      type: 'file_citation',
      text: text.slice(span.start, span.end),
      start_index: span.start,
      end_index: span.end,
      file_citation: { file_id: a.fileId, ...(source ? { chunk_id: source } : {}) },
    };
  }

  /** The best result of this turn's searches from the cited file (the API does not say which passage). */
  #firstResult(fileId: string, stepId: string): string | null {
    for (const { call } of this.#done) {
      if (call.kind !== 'file_search') continue;
      const index = (call.results ?? []).findIndex((r) => r.fileId === fileId);
      if (index >= 0) return hostedChunkId(stepId, call.callId, index);
    }
    return null;
  }
}

/**
 * The span a Responses `file_citation` covers. The API gives only `index`, the point the citation
 * belongs after (the end of the supported sentence), so the span is the sentence ending there: back
 * to the previous sentence end (`.`, `!`, `?`) or line break, without leading blanks.
 */
function citedSpan(text: string, index: number): { start: number; end: number } {
  const end = Math.max(0, Math.min(index, text.length));
  let start = end;
  // The sentence's own final mark and the blanks before the citation point are part of it.
  while (start > 0 && /[\s.!?]/.test(text[start - 1]!) && text[start - 1] !== '\n') start -= 1;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1]!)) start -= 1;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  return { start, end };
}

function failure(status: string, what: string): { code: string; message: string } | null {
  return status === 'failed' || status === 'incomplete' ? { code: `hosted_${status}`, message: `${what} ended ${status} on OpenAI's side.` } : null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
