import type { z } from 'zod';

/** The node kinds of a project graph (SPEC section 3). */
export const NODE_KINDS = ['assistant', 'fileSearch', 'knowledge', 'codeInterpreter', 'function', 'note'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** What flows along an edge: a tool into an assistant, or knowledge files into a tool. */
type PortType = 'tool' | 'knowledge';

/** A connection point on a node, derived from the node's data. */
export interface Port {
  id: string;
  direction: 'in' | 'out';
  type: PortType;
  label: string;
}

type KeysOfType<D, V> = { [K in keyof D]-?: D[K] extends V ? K : never }[keyof D] & string;

interface FieldBase<D> {
  label: string;
  /** One or two sentences shown under the field. */
  help?: string;
  /** Hide the field when this returns false (e.g. chunk size only for static chunking). */
  visible?: (data: D) => boolean;
}

/** A declarative editor field; the inspector renders one generic control per field type. */
export type EditorField<D> =
  /** `suggest: 'models'` offers the model ids of the project's provider (its /models) while any text is allowed. */
  | (FieldBase<D> & { type: 'text'; key: KeysOfType<D, string>; placeholder?: string; monospace?: boolean; suggest?: 'models' })
  | (FieldBase<D> & { type: 'number'; key: KeysOfType<D, number | null>; min?: number; max?: number; step?: number; optional?: boolean })
  | (FieldBase<D> & { type: 'select'; key: KeysOfType<D, string>; options: readonly { value: string; label: string }[] })
  | (FieldBase<D> & { type: 'toggle'; key: KeysOfType<D, boolean> })
  | (FieldBase<D> & { type: 'code'; key: KeysOfType<D, string>; language: 'markdown' | 'typescript' | 'plaintext'; height?: number })
  /** JSON edited in Monaco; stored as the parsed value, or as the raw text while it does not parse. */
  | (FieldBase<D> & { type: 'jsonSchema'; key: keyof D & string; role: 'parameters' | 'responseFormat' })
  | (FieldBase<D> & { type: 'keyValue'; key: KeysOfType<D, Readonly<Record<string, string>>> })
  /** Paths relative to the project file (files, folders or globs). */
  | (FieldBase<D> & { type: 'paths'; key: KeysOfType<D, readonly string[]> })
  | (FieldBase<D> & { type: 'tags'; key: KeysOfType<D, readonly string[]>; placeholder?: string });

/** Everything about one node kind, defined once and shared by the canvas, the inspector and the engine. */
export interface KindDefinition<K extends NodeKind, D> {
  kind: K;
  /** Current version of the kind's data shape; older data migrates on load. */
  version: number;
  title: string;
  /** Help text shown in the palette and inspector. */
  description: string;
  /** Accent colour of the node (CSS colour). */
  accent: string;
  /** The kind's icon: an SVG path on a 16×16 grid, drawn as a 1.3 px stroke. */
  icon: string;
  /** How the canvas draws the node: a card with ports, or a sticky note. */
  body: 'card' | 'sticky';
  schema: z.ZodType<D>;
  defaults: () => D;
  ports: (data: D) => Port[];
  fields: readonly EditorField<D>[];
  /** The node's title on the canvas. */
  label: (data: D) => string;
  /** A few short lines describing the key settings, shown on the node body. */
  summary: (data: D) => string[];
  /** Migrations keyed by the version they upgrade from (n → n + 1). */
  migrations: Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
}
