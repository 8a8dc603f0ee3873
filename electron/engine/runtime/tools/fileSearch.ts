import { isAbsolute } from 'node:path';
import type { FileSearchToolCall } from '../../../../shared/runtime/steps.ts';
import type { FileSearchToolConfig, KnowledgeSource } from '../../compile/types.ts';
import type { FileIndex } from '../../fileSearch/fileIndex.ts';
import { syncKnowledge, type KnowledgeProblem } from '../../fileSearch/knowledge.ts';
import { DEFAULT_FUSION } from '../../fileSearch/search.ts';
import type { Embedder, SearchHit } from '../../fileSearch/types.ts';
import type { CallOutcome, FileSearchDetail } from '../../tools/types.ts';
import type { KnowledgeReach } from '../../trust.ts';
import type { RunReferences } from './citations.ts';

type SearchResult = NonNullable<FileSearchToolCall['file_search']['results']>[number];
type StepProblem = NonNullable<FileSearchToolCall['file_search']['problems']>[number];

/** A passage a `file_citation` points at, for the UI to show. */
export interface CitedPassage {
  chunkId: string;
  fileId: string;
  fileName: string;
  /** The file's path relative to the project folder. */
  path: string;
  text: string;
  /** Character span of the passage in the file's extracted text. */
  charStart: number;
  charEnd: number;
}

/** What one run's file searches share: where the project lives, its provider's embedder, cancellation. */
export interface FileSearchRun {
  projectDir: string | null;
  /** Where each Knowledge node's files may be read from (see trust.ts). */
  reach: KnowledgeReach;
  embedder: () => Promise<Embedder | null>;
  signal: AbortSignal;
  references: RunReferences;
}

/** The local store of a File Search node (one per node, named as the fileSearch README suggests). */
export const storeNameOf = (nodeId: string): string => `fs:${nodeId}`;

/** Said of each relative Knowledge path of a project that has no folder yet. */
export const UNSAVED_PROJECT = 'The project is not saved yet, so paths relative to its folder cannot be found; save the project first.';

/**
 * File Search over the local index: the Knowledge of a File Search node is synced into its store
 * (only changed files are read again) at its first call in a run, then searched with the node's settings.
 */
export class LocalFileSearch {
  readonly #index: () => FileIndex;
  /** A sync per store in flight, shared by runs that need the same store at once (the index refuses two). */
  readonly #syncing = new Map<string, Promise<StepProblem[]>>();

  constructor(index: () => FileIndex) {
    this.#index = index;
  }

  chunk(chunkId: string): CitedPassage | null {
    const chunk = this.#index().chunk(chunkId);
    if (!chunk) return null;
    return {
      chunkId: chunk.chunkId,
      fileId: chunk.fileId,
      fileName: chunk.fileName,
      path: chunk.path,
      text: chunk.text,
      charStart: chunk.charStart,
      charEnd: chunk.charEnd,
    };
  }

  /** Brings the node's store up to date with its Knowledge; returns what could not be indexed. */
  sync(tool: FileSearchToolConfig, run: FileSearchRun): Promise<StepProblem[]> {
    const name = storeNameOf(tool.nodeId);
    const pending = this.#syncing.get(name);
    if (pending !== undefined) return pending;
    const started = this.#sync(tool, run).finally(() => this.#syncing.delete(name));
    this.#syncing.set(name, started);
    return started;
  }

  async #sync(tool: FileSearchToolConfig, run: FileSearchRun): Promise<StepProblem[]> {
    // A tool over other stores only (Assistants API vector stores) has no Knowledge store to keep.
    if (tool.knowledge.length === 0 && tool.stores.length > 0) return [];
    const relative = run.projectDir === null ? unreachable(tool.knowledge) : [];
    // Without the project folder the store keeps what it had: syncing would drop every relative file.
    if (relative.length > 0) return relative;
    const embedder = await run.embedder();
    const report = await syncKnowledge(this.#index(), {
      storeName: storeNameOf(tool.nodeId),
      baseDir: run.projectDir ?? '/',
      knowledge: tool.knowledge,
      reach: run.reach,
      chunking: tool.chunking,
      embedder,
      signal: run.signal,
    });
    return report.problems.map(toStepProblem);
  }

  /** Runs one `file_search({query})` call. */
  async call(tool: FileSearchToolConfig, query: string, run: FileSearchRun, synced: Promise<StepProblem[]>): Promise<CallOutcome<FileSearchDetail>> {
    const started = performance.now();
    let problems: StepProblem[];
    try {
      // Copied: a failed vector search adds to this call's list only.
      problems = [...(await synced)];
    } catch (error) {
      if (run.signal.aborted) throw run.signal.reason;
      problems = [{ node_id: tool.nodeId, path: '', message: `The knowledge files could not be indexed: ${messageOf(error)}` }];
    }
    const hits = await this.#search(tool, query, run, problems);
    const search = run.references.nextSearch();
    const results: SearchResult[] = hits.map((hit, i) => {
      run.references.addSource(search, i, { fileId: hit.fileId, chunkId: hit.chunkId });
      return { file_id: hit.fileId, file_name: hit.fileName, score: hit.score, content: [{ type: 'text', text: hit.text }], chunk_id: hit.chunkId };
    });
    return {
      output: formatResults(search, query, hits, problems),
      logs: [],
      durationMs: Math.round(performance.now() - started),
      error: null,
      detail: { query, results, problems },
    };
  }

  async #search(tool: FileSearchToolConfig, query: string, run: FileSearchRun, problems: StepProblem[]): Promise<SearchHit[]> {
    const index = this.#index();
    const own = storeNameOf(tool.nodeId);
    const names = [own, ...tool.stores].filter((name) => index.store(name) !== null);
    if (names.length === 0) return [];
    // A vector store keeps each runtime file under its file id, which is what a citation must name.
    const search = async (name: string): Promise<SearchHit[]> => {
      const hits = await this.#searchStore(name, tool, query, run, problems);
      return name === own ? hits : hits.map((hit) => ({ ...hit, fileId: hit.path }));
    };
    if (names.length === 1) return search(names[0]!);
    // Every store scores on the same 0..1 scale, so the best of all of them are kept.
    const found = await Promise.all(names.map(search));
    return found
      .flat()
      .sort((a, b) => b.score - a.score)
      .slice(0, tool.maxResults);
  }

  async #searchStore(name: string, tool: FileSearchToolConfig, query: string, run: FileSearchRun, problems: StepProblem[]): Promise<SearchHit[]> {
    const index = this.#index();
    // Both rankers of the node (`auto` and OpenAI's dated one, which has no local equivalent) are the
    // index's default weighted fusion: it did best in the retrieval evaluator (see fileSearch/README.md).
    const options = { maxResults: tool.maxResults, scoreThreshold: tool.scoreThreshold, fusion: DEFAULT_FUSION, signal: run.signal };
    try {
      return await index.search(name, query, { ...options, mode: 'hybrid', embedder: await run.embedder() });
    } catch (error) {
      if (run.signal.aborted) throw run.signal.reason;
      // The embeddings endpoint failing must not cost the user the keyword results.
      problems.push({ node_id: tool.nodeId, path: '', message: `Vector search failed, so only keyword search was used: ${messageOf(error)}` });
      return index.search(name, query, { ...options, mode: 'keyword' });
    }
  }
}

function unreachable(knowledge: readonly KnowledgeSource[]): StepProblem[] {
  return knowledge.flatMap((k) => k.paths.filter((p) => !isAbsolute(p)).map((path) => ({ node_id: k.nodeId, path, message: UNSAVED_PROJECT })));
}

const toStepProblem = (p: KnowledgeProblem): StepProblem => ({ node_id: p.nodeId, path: p.path, message: p.message });

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The tool output: each passage under its source marker, as OpenAI's file search gave them to the model. */
function formatResults(search: number, query: string, hits: readonly SearchHit[], problems: readonly StepProblem[]): string {
  const lines: string[] = [];
  if (hits.length === 0) {
    lines.push(`No passage of the knowledge files matches "${query}".`);
  } else {
    lines.push(
      `Passages of the knowledge files for "${query}", best first. When you use one, cite it by putting its marker ` +
        `(for example ${marker(search, 0, hits[0]!.fileName)}) right after the sentence it supports; do not invent markers.`,
    );
    for (const [i, hit] of hits.entries()) lines.push('', `${marker(search, i, hit.fileName)} (score ${hit.score.toFixed(2)})`, hit.text.trim());
  }
  if (problems.length > 0) {
    lines.push('', `Some knowledge files could not be searched: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
  }
  return lines.join('\n');
}

const marker = (search: number, result: number, fileName: string): string => `【${search}:${result}†${fileName}】`;
