import { parseProjectValue } from '../../shared/graph/projectFile.ts';
import type { Project } from '../../shared/graph/project.ts';
import type { AppError } from '../../shared/errors.ts';

/**
 * Reads a project that crossed the boundary as plain JSON. The host already checked it; checking it
 * again here gives the renderer a typed project and never lets a malformed one into the store.
 */
export function readProject(value: unknown): { ok: true; project: Project } | { ok: false; error: AppError } {
  const parsed = parseProjectValue(value);
  if (parsed.ok) return { ok: true, project: parsed.project };
  const { problem } = parsed;
  return {
    ok: false,
    error: { code: 'E_PROJECT_INVALID', message: problem.message, ...(problem.code === 'invalid' ? { details: problem.issues } : {}) },
  };
}
