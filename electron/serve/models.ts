import { notFound, type Route } from './http.ts';
import type { ServeContext } from './types.ts';

/** A table of model names: `gpt-4o=llama3.2` sends runs asking for gpt-4o to llama3.2. */
export interface ModelTable {
  aliases: Readonly<Record<string, string>>;
  /** Where every name without an alias goes; without one, names go to the provider as they are. */
  defaultModel?: string;
}

/** The model a requested name runs on: its alias, else the default model, else the name itself. */
export const resolveWith =
  (table: ModelTable) =>
  (name: string): string =>
    (Object.hasOwn(table.aliases, name) ? table.aliases[name] : undefined) ?? table.defaultModel ?? name;

/** Parses `name=model` entries (the `--alias` option), refusing ones without both sides. */
export function parseAliases(entries: readonly string[]): Record<string, string> {
  const pairs = entries.map((entry): [string, string] => {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at).trim();
    const model = entry.slice(at + 1).trim();
    if (at < 0 || name === '' || model === '') throw new Error(`"${entry}" is not an alias; write it as name=model, e.g. gpt-4o=llama3.2.`);
    return [name, model];
  });
  // Own properties only, whatever the names (`__proto__` included).
  return Object.fromEntries(pairs);
}

/** `/models`: the names clients may ask for (the provider's models and the alias table's names). */
export function modelRoutes(ctx: ServeContext): Route[] {
  const listed = async (): Promise<string[]> => {
    try {
      return [...new Set(await ctx.listModels())];
    } catch (error) {
      ctx.log.error('could not list the provider’s models', error);
      return [];
    }
  };
  const model = (id: string) => ({ id, object: 'model' as const, created: ctx.startedAt, owned_by: 'assistant-studio' });
  return [
    { method: 'GET', path: '/models', handle: async () => ({ object: 'list', data: (await listed()).map(model) }) },
    {
      method: 'GET',
      path: '/models/:model',
      async handle(req) {
        const id = req.params.model!;
        // A name the table sends elsewhere is usable even when the provider does not list it.
        if ((await listed()).includes(id) || ctx.resolveModel(id) !== id) return model(id);
        throw notFound(`The model '${id}' does not exist`, 'model', 'model_not_found');
      },
    },
  ];
}
