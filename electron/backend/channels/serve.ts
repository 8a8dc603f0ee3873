import type { HandlerContext, ServeHandlers } from './types.ts';

/** Settings → Assistants API server, the project it serves, and the assistants made through it. */
export function serveHandlers(ctx: HandlerContext): ServeHandlers {
  const { assistantsServer } = ctx;
  return {
    'app:serve/get': () => assistantsServer.view(),
    'app:serve/update': (change) => assistantsServer.update(change),
    'app:serve/key': () => assistantsServer.key(),
    'app:serve/newKey': () => assistantsServer.newKey(),
    'app:serve/project': async ({ path, project, unreviewed }) => {
      ctx.servedProject.report(path, project, unreviewed ?? []);
      return {};
    },
    'app:assistants/list': async () => ({ assistants: ctx.runtime().assistants.list() }),
  };
}
