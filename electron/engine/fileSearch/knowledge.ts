import type { KnowledgeSource } from '../compile/types.ts';
import type { FileIndex } from './fileIndex.ts';
import type { IndexRequest } from './ingest.ts';
import { collectKnowledgeFiles, type IngestSource } from './sources.ts';
import type { KnowledgeReach } from '../trust.ts';
import type { IndexReport } from './types.ts';

/** A problem to show on a Knowledge node and in the problems list. */
export interface KnowledgeProblem {
  nodeId: string;
  path: string;
  message: string;
}

export interface KnowledgeSyncRequest extends Omit<IndexRequest, 'sources'> {
  /** The local store, one per File Search node (its chunking applies to all its files). */
  storeName: string;
  /** The project file's folder: Knowledge paths are relative to it. */
  baseDir: string;
  knowledge: readonly KnowledgeSource[];
  /** Where each Knowledge node's files may be read from; absent: anywhere (see trust.ts). */
  reach?: KnowledgeReach;
}

export interface KnowledgeSyncReport extends IndexReport {
  problems: KnowledgeProblem[];
}

/**
 * Indexes the files of the Knowledge nodes wired into a File Search node into its store: paths
 * that match nothing and files that cannot be read come back per node, so each node can show its
 * own. A file selected by two nodes is indexed once and reported on both.
 */
export async function syncKnowledge(index: FileIndex, request: KnowledgeSyncRequest): Promise<KnowledgeSyncReport> {
  const { storeName, baseDir, knowledge, reach, ...indexing } = request;
  const sources = new Map<string, IngestSource>();
  const owners = new Map<string, string[]>();
  const problems: KnowledgeProblem[] = [];
  for (const node of knowledge) {
    const collected = await collectKnowledgeFiles(baseDir, node, { signal: request.signal, confineTo: reach?.(node.nodeId) });
    for (const problem of collected.problems) problems.push({ nodeId: node.nodeId, ...problem });
    for (const source of collected.sources) {
      sources.set(source.path, source);
      owners.set(source.path, [...(owners.get(source.path) ?? []), node.nodeId]);
    }
  }
  const report = await index.index(storeName, { ...indexing, sources: [...sources.values()] });
  for (const failure of report.failed) {
    for (const nodeId of owners.get(failure.path) ?? []) problems.push({ nodeId, ...failure });
  }
  return { ...report, problems };
}
