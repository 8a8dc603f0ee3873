import path from 'node:path';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import { kindOf } from '../../../shared/kinds/index.ts';

const toSlashes = (p: string): string => p.split(path.sep).join('/');

/**
 * How one path of a `paths` field is written to a project in `toDir`: absolute paths become relative to
 * the project's folder, and relative ones written for `fromDir` (the folder it was last saved in) are
 * rebased. A path that cannot be expressed relatively (another Windows drive) stays absolute.
 */
function storedPath(value: string, toDir: string, fromDir: string | null): string {
  if (value === '') return value;
  const native = value.split('/').join(path.sep);
  let absolute: string;
  if (path.isAbsolute(native)) absolute = native;
  else if (fromDir !== null) absolute = path.resolve(fromDir, native);
  else return toSlashes(native);
  const relative = path.relative(toDir, absolute);
  if (relative === '') return '.';
  return toSlashes(path.isAbsolute(relative) ? absolute : relative);
}

/**
 * The project with every `paths` editor field (found through the kind definitions, never by name)
 * rewritten for a project file in `toDir`.
 */
export function withStoredPaths(project: Project, toDir: string, fromDir: string | null): Project {
  const nodes = project.nodes.map((node): GraphNode => {
    const pathKeys = kindOf(node.kind).fields.flatMap((f) => (f.type === 'paths' ? [f.key] : []));
    if (pathKeys.length === 0) return node;
    const data: Record<string, unknown> = { ...node.data };
    for (const key of pathKeys) {
      const values = data[key];
      if (Array.isArray(values)) data[key] = values.map((v: unknown) => (typeof v === 'string' ? storedPath(v, toDir, fromDir) : v));
    }
    return { ...node, data } as GraphNode;
  });
  return { ...project, nodes };
}
