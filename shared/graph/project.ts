import { z } from 'zod';
import type { EdgeId, NodeId } from '../ids.ts';
import { NODE_KINDS, type KindDataMap, type NodeKind } from '../kinds/index.ts';
import { freezeProject } from './freeze.ts';

/** Marker that tells a project file apart from any other JSON file. */
export const PROJECT_FORMAT = 'assistant-studio/project';
/** Current schema version of project files; older versions migrate on load. */
export const PROJECT_SCHEMA_VERSION = 2;
/** File name suffix of project files. */
export const PROJECT_EXTENSION = '.assistant.json';

/** A point on the canvas. */
interface Position {
  readonly x: number;
  readonly y: number;
}

/**
 * A node of the graph; `data` is specific to its kind. Like every part of a project it is never changed
 * in place (caches are keyed by these objects): an edit builds a new value.
 */
export type GraphNode<K extends NodeKind = NodeKind> = {
  [P in K]: {
    readonly id: NodeId;
    readonly kind: P;
    /** Version of the kind's data shape this node was written with. */
    readonly version: number;
    readonly position: Position;
    readonly data: KindDataMap[P];
  };
}[K];

/** A wire from an output port of one node to an input port of another. */
export interface GraphEdge {
  readonly id: EdgeId;
  readonly source: NodeId;
  readonly sourcePort: string;
  readonly target: NodeId;
  readonly targetPort: string;
}

/** Provider and model used where an assistant does not set its own. */
export interface ProjectSettings {
  /** Id of a provider configured in the app settings. */
  readonly provider: string;
  readonly model: string;
}

/**
 * A project as held in memory and written to `<name>.assistant.json`. Read-only all the way down, and
 * frozen where projects enter the program (see freeze.ts).
 */
export interface Project {
  readonly format: typeof PROJECT_FORMAT;
  readonly schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  readonly name: string;
  readonly settings: ProjectSettings;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

const positionSchema = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** Shape of a node before its data is checked against its kind. */
export const rawNodeSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(NODE_KINDS),
  version: z.number().int().positive(),
  position: positionSchema,
  data: z.record(z.string(), z.unknown()),
});

export const edgeSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  sourcePort: z.string().min(1),
  target: z.string().min(1),
  targetPort: z.string().min(1),
});

const settingsSchema = z.strictObject({ provider: z.string(), model: z.string() });

/** A project file at the current schema version, before node data is checked per kind. */
export const rawProjectSchema = z.strictObject({
  format: z.literal(PROJECT_FORMAT),
  schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
  name: z.string(),
  settings: settingsSchema,
  nodes: z.array(rawNodeSchema),
  edges: z.array(edgeSchema),
});

export function emptyProject(name = 'Untitled'): Project {
  return freezeProject({
    format: PROJECT_FORMAT,
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name,
    settings: { provider: 'openai', model: 'gpt-4.1-mini' },
    nodes: [],
    edges: [],
  });
}
