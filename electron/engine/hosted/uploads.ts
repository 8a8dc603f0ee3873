import { isAbsolute } from 'node:path';
import OpenAI, { NotFoundError, toFile } from 'openai';
import type { KnowledgeSource } from '../compile/types.ts';
import { collectKnowledgeFiles } from '../fileSearch/sources.ts';
import { UNSAVED_PROJECT } from '../runtime/tools/fileSearch.ts';
import type { KnowledgeReach } from '../trust.ts';
import type { HostedRecords, UploadedFile } from './records.ts';

/** A Knowledge path or file that could not be given to the hosted tool (the others were). */
export interface HostedProblem {
  node_id: string;
  path: string;
  message: string;
}

/** A provider's SDK client with where its ids are valid, and the records of what the app made there. */
export interface HostedContext {
  client: OpenAI;
  /** The provider's base URL; the records are kept per origin. */
  origin: string;
  records: HostedRecords;
}

/** Where the Knowledge of an upload is read from. */
export interface UploadWhere {
  /** The project folder (Knowledge paths are relative to it); null for an unsaved project. */
  baseDir: string | null;
  /** Where each Knowledge node's files may be read from; absent: anywhere (see trust.ts). */
  reach?: KnowledgeReach;
  signal: AbortSignal;
}

/** What an upload pass changed: `files` is the node's whole current set, the others are changes to it. */
export interface UploadResult {
  files: UploadedFile[];
  uploaded: UploadedFile[];
  /** Remote files no longer wanted (their local file changed or went away); the caller detaches and deletes them. */
  stale: UploadedFile[];
  problems: HostedProblem[];
}

/**
 * Uploads the node's Knowledge files whose content hash changed since their last upload (`files.create`,
 * purpose `assistants`) and records them. Without the project folder nothing is dropped: relative
 * paths cannot be checked, so the files uploaded before stay.
 */
export async function uploadKnowledge(ctx: HostedContext, nodeId: string, knowledge: readonly KnowledgeSource[], where: UploadWhere): Promise<UploadResult> {
  const { baseDir, reach, signal } = where;
  const known = ctx.records.files(ctx.origin, nodeId);
  const problems: HostedProblem[] = [];
  const wanted = new Map<string, { knowledgeId: string; name: string; hash: () => Promise<string>; read: () => Promise<Uint8Array> }>();
  let partial = false;
  for (const k of knowledge) {
    let paths = k.paths;
    if (baseDir === null) {
      const relative = paths.filter((p) => !isAbsolute(p));
      partial ||= relative.length > 0;
      problems.push(...relative.map((path) => ({ node_id: k.nodeId, path, message: UNSAVED_PROJECT })));
      paths = paths.filter((p) => isAbsolute(p));
    }
    const collected = await collectKnowledgeFiles(baseDir ?? '/', { paths, fileTypes: k.fileTypes }, { signal, confineTo: reach?.(k.nodeId) });
    problems.push(...collected.problems.map((p) => ({ node_id: k.nodeId, path: p.path, message: p.message })));
    for (const source of collected.sources) wanted.set(source.path, { knowledgeId: k.nodeId, name: source.name, hash: source.hash, read: source.read });
  }
  const files: UploadedFile[] = [];
  const uploaded: UploadedFile[] = [];
  const stale: UploadedFile[] = [];
  for (const [path, source] of wanted) {
    if (signal.aborted) throw signal.reason;
    const hash = await source.hash();
    const previous = known.get(path);
    if (previous?.hash === hash) {
      files.push(previous);
      continue;
    }
    try {
      const created = await ctx.client.files.create({ file: await toFile(await source.read(), source.name), purpose: 'assistants' }, { signal });
      const file = { path, hash, fileId: created.id };
      ctx.records.putFile(ctx.origin, nodeId, file);
      files.push(file);
      uploaded.push(file);
      if (previous) stale.push(previous);
    } catch (error) {
      if (signal.aborted || !(error instanceof OpenAI.APIError) || error.status === undefined || error.status === 401) throw error;
      // The provider refused this one file (too big, wrong type); the others still go up.
      problems.push({ node_id: source.knowledgeId, path, message: `The upload was refused: ${error.message}` });
      if (previous) files.push(previous);
    }
  }
  if (!partial) {
    for (const [path, previous] of known) {
      if (wanted.has(path)) continue;
      ctx.records.removeFile(ctx.origin, nodeId, path);
      stale.push(previous);
    }
  }
  return { files, uploaded, stale, problems };
}

/** Runs a remote deletion; something already gone is what was wanted. */
export async function deleteQuietly(remove: () => Promise<unknown>): Promise<void> {
  try {
    await remove();
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
