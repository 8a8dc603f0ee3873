import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../shared/errors.ts';
import { parseProjectFile } from '../../shared/graph/projectFile.ts';
import type { GraphNode, Project } from '../../shared/graph/project.ts';
import { kindOf } from '../../shared/kinds/index.ts';

/** Wrong use of the command line: the process exits with 2 and the message (usually with the usage). */
export class UsageError extends Error {}

/**
 * A path the user typed, made absolute. `npm run` starts scripts in the package root; scripts/studio.sh
 * keeps the caller's folder in STUDIO_CALLER_CWD (from npm's INIT_CWD), so relative paths mean what they
 * meant where the user typed them.
 */
export const callerPath = (p: string): string => path.resolve(process.env.STUDIO_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd(), p);

/** A project read from disk, with the folder its Knowledge paths are relative to. */
export interface LoadedProject {
  project: Project;
  dir: string;
}

/** Reads and parses a project file; a file that is missing, foreign or invalid fails with the reason. */
export async function loadProject(file: string): Promise<LoadedProject> {
  const resolved = callerPath(file);
  let text: string;
  try {
    text = await readFile(resolved, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new AppFailure('E_IO', `Cannot read ${resolved}: ${reason}.`);
  }
  const parsed = parseProjectFile(text);
  if (!parsed.ok) {
    const issues = parsed.problem.code === 'invalid' ? parsed.problem.issues : undefined;
    throw new AppFailure('E_PROJECT_INVALID', `${resolved}: ${parsed.problem.message}`, issues);
  }
  return { project: parsed.project, dir: path.dirname(resolved) };
}

/** The title a node has on the canvas. */
export const nodeLabel = (node: GraphNode): string => kindOf(node.kind).label(node.data);

/**
 * The Assistant node that `wanted` names (its id, or its name), or the only one when nothing is named.
 * Naming none among several is a usage error that lists them, so the user can pick.
 */
export function pickAssistant(project: Project, wanted: string | undefined): GraphNode<'assistant'> {
  const assistants = project.nodes.filter((n): n is GraphNode<'assistant'> => n.kind === 'assistant');
  if (assistants.length === 0) throw new AppFailure('E_NOT_FOUND', 'The project has no assistant.');
  const listed = assistants.map((a) => `  ${nodeLabel(a)} (${a.id})`).join('\n');
  if (wanted === undefined) {
    if (assistants.length === 1) return assistants[0]!;
    throw new UsageError(`The project has ${assistants.length} assistants; choose one with --assistant <name or node id>:\n${listed}`);
  }
  const byId = assistants.find((a) => a.id === wanted);
  if (byId) return byId;
  const byName = assistants.filter((a) => a.data.name === wanted);
  if (byName.length === 1) return byName[0]!;
  const why = byName.length > 1 ? `Several assistants are named "${wanted}"; use the node id` : `There is no assistant "${wanted}"`;
  throw new UsageError(`${why}. The assistants are:\n${listed}`);
}
