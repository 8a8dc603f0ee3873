import type { NodeKind } from '../kinds/index.ts';
import type { GraphNode, Project } from './project.ts';

let freezing = true;

/**
 * Turns freezing on or off for this program. It is on unless a production build turns it off at
 * start-up (the packaged Electron app, and the renderer built with `--mode release`): it catches code
 * that edits a project in place, which the caches keyed by project objects would not notice.
 */
export function setProjectFreezing(on: boolean): void {
  freezing = on;
}

/**
 * Freezes an object and everything reachable from it. An object that is already frozen is taken to be
 * frozen all the way down (it was frozen here), so an edited project costs only its new parts.
 */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** The project itself, deep-frozen while freezing is on, so a mutation throws (in strict mode) where it happens. */
export function freezeProject<P extends Project>(project: P): P {
  if (freezing) deepFreeze(project);
  return project;
}

/** The node itself, deep-frozen while freezing is on (see `freezeProject`). */
export function freezeNode<K extends NodeKind>(node: GraphNode<K>): GraphNode<K> {
  if (freezing) deepFreeze(node);
  return node;
}
