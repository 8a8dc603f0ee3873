import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { freezeProject } from '../../../shared/graph/freeze.ts';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import type { CanvasProject } from '../../serve/server.ts';
import { checkProject } from './projects.ts';
import type { Trust } from './trust.ts';

/** The project the window has open, as the Assistants API server offers its assistants. */
export interface ServedProject {
  /** Takes the window's latest report (checked like a saved file); earlier ones are forgotten. */
  report(path: string | null, value: unknown): void;
  /** The project as API runs use it, with whether it is trusted now; null before the first report. */
  current(): Promise<CanvasProject | null>;
}

/**
 * The project with every handler function switched to "ask me". The runtime answers a handler call of
 * an untrusted project with an "untrusted" output to the model; over the API such a call goes to the
 * client (requires_action) instead, as the API's own functions do.
 */
function askingOnly(project: Project): Project {
  if (!project.nodes.some((n) => n.kind === 'function' && n.data.mode === 'handler')) return project;
  const nodes = project.nodes.map((n): GraphNode => (n.kind === 'function' && n.data.mode === 'handler' ? { ...n, data: { ...n.data, mode: 'ask' } } : n));
  return freezeProject({ ...project, nodes });
}

export function createServedProject(trust: Pick<Trust, 'isTrusted'>): ServedProject {
  let latest: { path: string | null; project: Project; projectDir: string | null } | null = null;
  // One asking copy per project value, so the runtime's compile cache (kept per object) still applies.
  const asking = new WeakMap<Project, Project>();

  return {
    report(file, value) {
      if (file !== null && !path.isAbsolute(file)) throw new AppFailure('E_INVALID_REQUEST', `The path "${file}" is not absolute.`);
      latest = { path: file, project: checkProject(value), projectDir: file === null ? null : path.dirname(path.resolve(file)) };
    },
    async current() {
      if (latest === null) return null;
      const { project, projectDir } = latest;
      // Asked on every use: the user may trust the project after it was reported.
      const trusted = await trust.isTrusted(latest.path);
      if (trusted) return { project, trusted, projectDir };
      let copy = asking.get(project);
      if (!copy) {
        copy = askingOnly(project);
        asking.set(project, copy);
      }
      return { project: copy, trusted, projectDir };
    },
  };
}
