import { isAbsolute } from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import type { KnowledgeReport } from '../../../shared/ipc/filesChannels.ts';
import {
  compileToolNode,
  storeNameOf,
  syncKnowledge,
  UNSAVED_PROJECT,
  type Embedder,
  type FileIndex,
  type FileSearchToolConfig,
  type IndexProgress,
  type KnowledgeReach,
} from '../../engine/index.ts';

/** Progress of one sync, as the window shows it on the node. */
interface SyncProgress {
  phase: IndexProgress['phase'];
  done: number;
  total: number;
  path?: string;
}

export interface SyncRequest {
  project: Project;
  /** The project file's folder; null while unsaved (then only absolute Knowledge paths can be read). */
  projectDir: string | null;
  nodeId: string;
  /** The project provider's embedder: chunks get vectors (as in a run) so search is hybrid. Null: keyword-only. */
  embedder: Embedder | null;
  /** Where each Knowledge node's files may be read from (the project's trust decides). */
  reach: KnowledgeReach;
  onProgress(progress: SyncProgress): void;
}

// Thousands of small files would otherwise send thousands of events; the last one always goes.
const PROGRESS_INTERVAL_MS = 100;

/** The File Search node compiled on its own, with the Knowledge wired into it. */
function fileSearchTool(project: Project, nodeId: string): FileSearchToolConfig {
  const node = project.nodes.find((n) => n.id === nodeId);
  if (!node) throw new AppFailure('E_NOT_FOUND', `The project has no node "${nodeId}".`);
  if (node.kind !== 'fileSearch')
    throw new AppFailure('E_INVALID_REQUEST', `Only File Search nodes have Knowledge to index; "${nodeId}" is a ${node.kind} node.`);
  const compiled = compileToolNode(project, nodeId);
  if (!compiled.ok) {
    const first = compiled.problems[0]?.message ?? compiled.reason;
    throw new AppFailure(
      'E_INVALID_REQUEST',
      `The File Search node has problems to fix before it can be indexed: ${first}`,
      compiled.problems.map((p) => p.message),
    );
  }
  const tool = compiled.tool;
  if (tool.type !== 'file_search') throw new AppFailure('E_INTERNAL', `"${nodeId}" did not compile to a File Search tool.`);
  if (tool.index !== 'local') throw new AppFailure('E_INVALID_REQUEST', 'This File Search node uses an OpenAI vector store; only a local index is built here.');
  return tool;
}

/**
 * Indexing of File Search nodes' Knowledge into the runtime's local stores (`fs:<node id>`, the store
 * runs search), started from the window, one at a time per node, each cancellable.
 */
export class KnowledgeSyncs {
  readonly #running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  async sync(index: FileIndex, request: SyncRequest): Promise<KnowledgeReport> {
    const tool = fileSearchTool(request.project, request.nodeId);
    if (this.#running.has(tool.nodeId)) throw new AppFailure('E_INVALID_REQUEST', "This node's Knowledge is already being indexed.");
    const controller = new AbortController();
    const done = this.#sync(index, tool, request, controller.signal);
    this.#running.set(tool.nodeId, { controller, done });
    try {
      return await done;
    } finally {
      this.#running.delete(tool.nodeId);
    }
  }

  /** Stops the node's sync; what was indexed so far stays. False when none was running. */
  cancel(nodeId: string): boolean {
    const running = this.#running.get(nodeId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** Stops every sync and waits for them, before the database closes. */
  async close(): Promise<void> {
    const running = [...this.#running.values()];
    for (const r of running) r.controller.abort();
    await Promise.allSettled(running.map((r) => r.done));
  }

  async #sync(index: FileIndex, tool: FileSearchToolConfig, request: SyncRequest, signal: AbortSignal): Promise<KnowledgeReport> {
    const started = performance.now();
    const empty = (cancelled: boolean, problems: KnowledgeReport['problems']): KnowledgeReport => ({
      added: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      chunksWritten: 0,
      cancelled,
      durationMs: Math.round(performance.now() - started),
      problems,
    });
    if (request.projectDir === null) {
      const unreachable = tool.knowledge.flatMap((k) =>
        k.paths.filter((p) => !isAbsolute(p)).map((path) => ({ nodeId: k.nodeId, path, message: UNSAVED_PROJECT })),
      );
      // As in a run: without the project folder the store keeps what it had, rather than losing every relative file.
      if (unreachable.length > 0) return empty(false, unreachable);
    }
    let last = 0;
    const onProgress = (p: IndexProgress): void => {
      const [done, total] = p.phase === 'files' ? [p.filesDone, p.filesTotal] : [p.embeddingsDone, p.embeddingsTotal];
      const now = performance.now();
      if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      request.onProgress(p.path === undefined ? { phase: p.phase, done, total } : { phase: p.phase, done, total, path: p.path });
    };
    try {
      const report = await syncKnowledge(index, {
        storeName: storeNameOf(tool.nodeId),
        baseDir: request.projectDir ?? '/',
        knowledge: tool.knowledge,
        reach: request.reach,
        chunking: tool.chunking,
        embedder: request.embedder,
        signal,
        onProgress,
      });
      const { added, updated, unchanged, removed, chunksWritten, cancelled, durationMs, problems } = report;
      return { added, updated, unchanged, removed, chunksWritten, cancelled, durationMs, problems };
    } catch (error) {
      // Cancelled while the Knowledge folders were still being listed: nothing was indexed yet.
      if (signal.aborted) return empty(true, []);
      throw error;
    }
  }
}
