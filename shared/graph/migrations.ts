import { PROJECT_FORMAT, PROJECT_SCHEMA_VERSION } from './project.ts';

type Json = Record<string, unknown>;

/**
 * Project file migrations keyed by the schema version they upgrade from (n → n + 1).
 * Node data migrates separately, per kind (see each kind's `migrations`).
 */
const PROJECT_MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {
  // v1 (the first preview) named the marker `type`, kept the default model under `defaultModel`
  // and wrote edges as `from: "node:port"` / `to: "node:port"` strings.
  1: (file) => {
    const { type: _type, defaultModel, defaultProvider, edges, ...rest } = file;
    const split = (end: unknown): [string, string] => {
      const text = typeof end === 'string' ? end : '';
      const at = text.lastIndexOf(':');
      return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
    };
    return {
      ...rest,
      format: PROJECT_FORMAT,
      schemaVersion: 2,
      settings: {
        provider: typeof defaultProvider === 'string' ? defaultProvider : 'openai',
        model: typeof defaultModel === 'string' ? defaultModel : '',
      },
      edges: Array.isArray(edges)
        ? edges.map((e: Json) => {
            const [source, sourcePort] = split(e.from);
            const [target, targetPort] = split(e.to);
            return { id: e.id, source, sourcePort, target, targetPort };
          })
        : edges,
    };
  },
};

/** Reads the schema version of a parsed project file, or null when it is not a project file at all. */
export function detectSchemaVersion(file: Json): number | null {
  if (file.format === PROJECT_FORMAT && typeof file.schemaVersion === 'number') return file.schemaVersion;
  if (file.type === 'assistant-studio.project' && file.schemaVersion === 1) return 1;
  return null;
}

/** Runs every project migration from `from` up to the current version. */
export function migrateProjectFile(file: Json, from: number): Json {
  let current = file;
  for (let v = from; v < PROJECT_SCHEMA_VERSION; v++) {
    const step = PROJECT_MIGRATIONS[v];
    if (!step) throw new Error(`No migration from project schema version ${v}`);
    current = step(current);
  }
  return current;
}
