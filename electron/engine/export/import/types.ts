import type { AppError } from '../../../../shared/errors.ts';
import type { GraphEdge, GraphNode } from '../../../../shared/graph/project.ts';

/** What an import brought in, for the user to read. */
export interface ImportReport {
  source: 'studio' | 'assistants-api';
  /** One entry per imported assistant: its name and the id of its new node. */
  assistants: { name: string; nodeId: string }[];
  /** What could not be represented and where it went (metadata, or dropped), one sentence each. */
  notes: string[];
}

/** New nodes and edges, with fresh ids, ready to be added to a project. */
export interface Imported {
  nodes: GraphNode[];
  edges: GraphEdge[];
  report: ImportReport;
}

export type ImportResult = ({ ok: true } & Imported) | { ok: false; error: AppError };

export interface ImportOptions {
  /** Where the imported graph is placed (its assistant at this point). Default 0,0. */
  origin?: { x: number; y: number };
  /**
   * Assistants API objects that Assistant Studio's own server made (the app's "Open as graph"): each
   * Assistant node keeps the assistant's id without `asst_`, so the threads its clients made stay with
   * it, and its tools run locally, as they did there. Default false (objects from OpenAI).
   */
  servedByStudio?: boolean;
}
