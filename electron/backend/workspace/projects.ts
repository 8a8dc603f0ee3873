import path from 'node:path';
import { AppFailure, type ErrorCode } from '../../../shared/errors.ts';
import { PROJECT_EXTENSION, type Project } from '../../../shared/graph/project.ts';
import { parseProjectFile, parseProjectValue, serializeProject, type ProjectFileProblem } from '../../../shared/graph/projectFile.ts';
import { JSON_LIMITS } from '../../../shared/json/bounded.ts';
import { readRegular } from '../../engine/index.ts';
import { atomicWrite } from './atomicWrite.ts';
import { withStoredPaths } from './projectPaths.ts';

const PROBLEM_CODES: Record<ProjectFileProblem['code'], ErrorCode> = {
  'not-json': 'E_PROJECT_NOT_JSON',
  'too-complex': 'E_JSON_LIMIT',
  'not-a-project': 'E_PROJECT_FOREIGN',
  'newer-version': 'E_PROJECT_NEWER',
  invalid: 'E_PROJECT_INVALID',
};

export interface OpenedProject {
  path: string;
  project: Project;
  migratedFrom: number | null;
}

function requireAbsolute(file: string): string {
  if (!path.isAbsolute(file)) throw new AppFailure('E_INVALID_REQUEST', `The path "${file}" is not absolute.`);
  return path.normalize(file);
}

/** The text of a file the app reads as JSON: a regular file, at most as large as JSON is parsed. */
export async function readJsonText(file: string): Promise<string> {
  return new TextDecoder().decode(await readRegular(file, { maxBytes: JSON_LIMITS.maxLength }));
}

async function readText(file: string): Promise<string> {
  try {
    return await readJsonText(file);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('E_NOT_FOUND', `There is no file at ${file}.`);
    throw new AppFailure('E_IO', `Could not read ${file} (${code ?? 'unknown error'}).`);
  }
}

/** Turns a project file's problem into the error the user sees. */
function problemFailure(problem: ProjectFileProblem): AppFailure {
  return new AppFailure(PROBLEM_CODES[problem.code], problem.message, problem.code === 'invalid' ? problem.issues : undefined);
}

/** Reads and checks a project file; never writes to it, whatever it contains. */
export async function openProject(file: string): Promise<OpenedProject> {
  const absolute = requireAbsolute(file);
  const parsed = parseProjectFile(await readText(absolute));
  if (!parsed.ok) throw problemFailure(parsed.problem);
  return { path: absolute, project: parsed.project, migratedFrom: parsed.migratedFrom };
}

/** Checks a project that arrived over the boundary as plain JSON (the same checks as opening a file). */
export function checkProject(value: unknown): Project {
  const parsed = parseProjectValue(value);
  if (!parsed.ok) throw problemFailure(parsed.problem);
  return parsed.project;
}

/** Refuses to replace anything but an Assistant Studio project this version can read. */
async function assertReplaceable(file: string): Promise<void> {
  let text: string;
  try {
    text = await readJsonText(file);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new AppFailure('E_IO', `Could not check ${file} before saving (${code ?? 'unknown error'}).`);
  }
  const parsed = parseProjectFile(text);
  if (parsed.ok || parsed.problem.code === 'invalid') return;
  if (parsed.problem.code === 'too-complex') throw new AppFailure('E_JSON_LIMIT', `${file} exists and was not overwritten. ${parsed.problem.message}`);
  if (parsed.problem.code === 'newer-version') {
    throw new AppFailure('E_PROJECT_NEWER', `${file} was written by a newer Assistant Studio; saving over it would lose its content.`);
  }
  throw new AppFailure('E_PROJECT_FOREIGN', `${file} exists and is not an Assistant Studio project; it was not overwritten.`);
}

/**
 * Saves a project to `file` atomically. File paths inside it are stored relative to the new file's
 * folder; `previousPath` (where it was saved before, if anywhere) is the base of its relative paths.
 * Returns the project exactly as it now reads back from disk.
 */
export async function saveProject(file: string, previousPath: string | null, value: unknown): Promise<OpenedProject> {
  const absolute = requireAbsolute(file);
  if (!path.basename(absolute).endsWith(PROJECT_EXTENSION) || path.basename(absolute) === PROJECT_EXTENSION) {
    throw new AppFailure('E_INVALID_REQUEST', `Project files are named <name>${PROJECT_EXTENSION}.`);
  }
  const fromDir = previousPath === null ? null : path.dirname(requireAbsolute(previousPath));
  const project = withStoredPaths(checkProject(value), path.dirname(absolute), fromDir);
  await assertReplaceable(absolute);
  const text = serializeProject(project);
  try {
    await atomicWrite(absolute, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('E_NOT_FOUND', `The folder ${path.dirname(absolute)} does not exist.`);
    throw new AppFailure('E_IO', `Could not save ${absolute} (${code ?? 'unknown error'}); the previous file is unchanged.`);
  }
  const reread = parseProjectFile(text);
  if (!reread.ok) throw problemFailure(reread.problem);
  return { path: absolute, project: reread.project, migratedFrom: null };
}
