import type { z } from 'zod';
import { kindOf, type NodeKind } from '../kinds/index.ts';
import { freezeProject } from './freeze.ts';
import { detectSchemaVersion, migrateProjectFile } from './migrations.ts';
import { JSON_LIMITS, parseJson, stringifyBounded } from '../json/bounded.ts';
import { PROJECT_SCHEMA_VERSION, rawProjectSchema, type GraphEdge, type GraphNode, type Project } from './project.ts';

/** Why a file could not be read as a project. */
export type ProjectFileProblem =
  | { code: 'not-json'; message: string }
  | { code: 'too-complex'; message: string }
  | { code: 'not-a-project'; message: string }
  | { code: 'newer-version'; message: string }
  | { code: 'invalid'; message: string; issues: string[] };

export type ParseResult = { ok: true; project: Project; migratedFrom: number | null } | { ok: false; problem: ProjectFileProblem };

const formatIssues = (issues: readonly z.core.$ZodIssue[], prefix: string): string[] =>
  issues.map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`);

/** Parses, migrates and checks the text of a project file. Never throws. */
export function parseProjectFile(text: string): ParseResult {
  const read = parseJson(text);
  if (!read.ok) {
    if (read.problem === 'limit') return { ok: false, problem: { code: 'too-complex', message: `The file cannot be opened: ${read.message}.` } };
    return { ok: false, problem: { code: 'not-json', message: `The file is not valid JSON (${read.message}).` } };
  }
  const json = read.value;
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problem: { code: 'not-a-project', message: 'The file is JSON but not an Assistant Studio project.' } };
  }
  const file = json as Record<string, unknown>;
  const version = detectSchemaVersion(file);
  if (version === null) {
    return { ok: false, problem: { code: 'not-a-project', message: 'The file is JSON but not an Assistant Studio project (no project format marker).' } };
  }
  if (version > PROJECT_SCHEMA_VERSION) {
    return {
      ok: false,
      problem: {
        code: 'newer-version',
        message: `The project was written by a newer Assistant Studio (schema ${version}; this version reads up to ${PROJECT_SCHEMA_VERSION}).`,
      },
    };
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateProjectFile(file, version);
  } catch (e) {
    return { ok: false, problem: { code: 'invalid', message: 'The project could not be migrated.', issues: [(e as Error).message] } };
  }
  const raw = rawProjectSchema.safeParse(migrated);
  if (!raw.success) return invalid(formatIssues(raw.error.issues, ''));

  const issues: string[] = [];
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  for (const [index, node] of raw.data.nodes.entries()) {
    const where = `nodes.${index}`;
    if (ids.has(node.id)) issues.push(`${where}.id: duplicate node id "${node.id}"`);
    ids.add(node.id);
    const data = migrateNodeData(node.kind, node.version, node.data);
    if (typeof data === 'string') {
      issues.push(`${where}: ${data}`);
      continue;
    }
    const parsed = kindOf(node.kind).schema.safeParse(data);
    if (!parsed.success) {
      issues.push(...formatIssues(parsed.error.issues, `${where}.data`));
      continue;
    }
    nodes.push({ ...node, version: kindOf(node.kind).version, data: parsed.data } as GraphNode);
  }
  const edgeIds = new Set<string>();
  raw.data.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) issues.push(`edges.${index}.id: duplicate edge id "${edge.id}"`);
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!ids.has(edge[end])) issues.push(`edges.${index}.${end}: no node with id "${edge[end]}"`);
    }
  });
  if (issues.length > 0) return invalid(issues);
  return {
    ok: true,
    project: freezeProject({ ...raw.data, nodes, edges: raw.data.edges as GraphEdge[] } as Project),
    migratedFrom: version < PROJECT_SCHEMA_VERSION ? version : null,
  };
}

/** Checks a project that arrived as a value (over the process boundary) exactly as a file is checked. */
export function parseProjectValue(value: unknown): ParseResult {
  const text = stringifyBounded(value);
  if (text === null) {
    return {
      ok: false,
      problem: { code: 'too-complex', message: `The project cannot be read: it nests arrays and objects more than ${JSON_LIMITS.maxDepth} levels deep.` },
    };
  }
  return parseProjectFile(text);
}

function invalid(issues: string[]): ParseResult {
  const shown = issues.slice(0, 20);
  if (issues.length > shown.length) shown.push(`…and ${issues.length - shown.length} more`);
  return { ok: false, problem: { code: 'invalid', message: 'The project file has invalid content.', issues: shown } };
}

/** Upgrades a node's data to its kind's current version, or returns why it cannot. */
export function migrateNodeData(kind: NodeKind, from: number, data: Record<string, unknown>): Record<string, unknown> | string {
  const def = kindOf(kind);
  if (from > def.version) return `${def.title} node version ${from} is newer than this app supports (${def.version})`;
  let current = data;
  for (let v = from; v < def.version; v++) {
    const step = def.migrations[v];
    if (!step) return `no migration for ${def.title} node version ${v}`;
    current = step(current);
  }
  return current;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Orders an object's keys like the kind's defaults, so files diff well; unknown keys go last. */
function ordered(data: Readonly<Record<string, unknown>>, template: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(template)) if (key in data) out[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in out)) out[key] = data[key];
  return out;
}

/** Writes a project as stable, human-readable JSON: fixed key order, two-space indent, final newline. */
export function serializeProject(project: Project): string {
  const file = {
    format: project.format,
    schemaVersion: project.schemaVersion,
    name: project.name,
    settings: { provider: project.settings.provider, model: project.settings.model },
    nodes: project.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      version: n.version,
      position: { x: round(n.position.x), y: round(n.position.y) },
      data: ordered(n.data, kindOf(n.kind).defaults()),
    })),
    edges: project.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourcePort: e.sourcePort,
      target: e.target,
      targetPort: e.targetPort,
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
