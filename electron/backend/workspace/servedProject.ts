import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { freezeProject } from '../../../shared/graph/freeze.ts';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import type { CanvasProject } from '../../serve/server.ts';
import { checkProject } from './projects.ts';
import type { Trust } from './trust.ts';

/** The project the window has open, as the Assistants API server offers its assistants. */
export interface ServedProject {
  /** Takes the window's latest report (checked like a saved file), with its nodes still to review; earlier ones are forgotten. */
  report(path: string | null, value: unknown, unreviewed?: readonly string[]): void;
  /** The project as API runs use it, with whether it is trusted now; null before the first report. */
  current(): Promise<CanvasProject | null>;
}

/**
 * The project with the handler functions that may not run (all of an untrusted project, the unreviewed
 * ones of a trusted one) switched to "ask me". The runtime answers such a handler call with an
 * "untrusted" output to the model; over the API the call goes to the client (requires_action) instead,
 * as the API's own functions do.
 */
function askingOnly(project: Project, asks: (nodeId: string) => boolean): Project {
  const asking = (n: GraphNode): boolean => n.kind === 'function' && n.data.mode === 'handler' && asks(n.id);
  if (!project.nodes.some(asking)) return project;
  const nodes = project.nodes.map((n): GraphNode => (n.kind === 'function' && asking(n) ? { ...n, data: { ...n.data, mode: 'ask' } } : n));
  return freezeProject({ ...project, nodes });
}

export function createServedProject(trust: Pick<Trust, 'isTrusted'>): ServedProject {
  let latest: { path: string | null; project: Project; projectDir: string | null; unreviewed: readonly string[] } | null = null;
  // One asking copy per project value, so the runtime's compile cache (kept per object) still applies.
  const asking = new WeakMap<Project, Map<string, Project>>();

  return {
    report(file, value, unreviewed = []) {
      if (file !== null && !path.isAbsolute(file)) throw new AppFailure('E_INVALID_REQUEST', `The path "${file}" is not absolute.`);
      latest = { path: file, project: checkProject(value), projectDir: file === null ? null : path.dirname(path.resolve(file)), unreviewed: [...unreviewed] };
    },
    async current() {
      if (latest === null) return null;
      const { project, projectDir, unreviewed } = latest;
      // Asked on every use: the user may trust the project after it was reported.
      const trusted = await trust.isTrusted(latest.path);
      if (trusted && unreviewed.length === 0) return { project, trusted, unreviewed, projectDir };
      const key = `${trusted}:${unreviewed.join(',')}`;
      let copy = asking.get(project)?.get(key);
      if (!copy) {
        const waiting = new Set(unreviewed);
        copy = askingOnly(project, (nodeId) => !trusted || waiting.has(nodeId));
        asking.set(project, new Map([[key, copy]]));
      }
      return { project: copy, trusted, unreviewed, projectDir };
    },
  };
}
