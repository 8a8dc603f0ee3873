import { exportHandlers } from './exports.ts';
import { fileHandlers } from './files.ts';
import { knowledgeHandlers } from './knowledge.ts';
import { runtimeHandlers } from './runtime.ts';
import { serveHandlers } from './serve.ts';
import { templateHandlers } from './templates.ts';
import type { HandlerContext, Handlers } from './types.ts';
import { workspaceHandlers } from './workspace.ts';

export type { HandlerContext, Handlers } from './types.ts';

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...workspaceHandlers(ctx),
    ...templateHandlers(ctx),
    ...runtimeHandlers(ctx),
    ...fileHandlers(ctx),
    ...knowledgeHandlers(ctx),
    ...exportHandlers(),
    ...serveHandlers(ctx),
  };
}
