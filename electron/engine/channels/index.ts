import { runtimeHandlers } from './runtime.ts';
import type { HandlerContext, Handlers } from './types.ts';
import { workspaceHandlers } from './workspace.ts';

export type { HandlerContext, Handlers } from './types.ts';

export function createHandlers(ctx: HandlerContext): Handlers {
  return { ...workspaceHandlers(ctx), ...runtimeHandlers(ctx) };
}
