import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import { checkProject } from '../workspace/projects.ts';
import type { HandlerContext, RuntimeHandlers } from './types.ts';

export function runtimeHandlers(ctx: HandlerContext): RuntimeHandlers {
  const { trust } = ctx;
  const runtime = () => ctx.runtime();

  /**
   * A project from the window as the engine takes it: checked like a saved file, the folder its relative
   * paths start from (none while unsaved), and whether its handlers may run.
   */
  const prepare = async (value: unknown, projectPath: string | null): Promise<{ project: Project; projectDir: string | null; trusted: boolean }> => {
    const project = checkProject(value);
    // Also refuses a relative projectPath, before it is used as a base.
    const trusted = await trust.isTrusted(projectPath);
    return { project, projectDir: projectPath === null ? null : path.dirname(path.resolve(projectPath)), trusted };
  };

  return {
    'app:threads/list': async ({ assistantNodeId }) => ({ threads: runtime().threads.list(assistantNodeId) }),

    'app:threads/create': async ({ assistantNodeId, title }) => ({
      thread: runtime().threads.create(title === undefined ? { assistantNodeId } : { assistantNodeId, title }),
    }),

    'app:threads/rename': async ({ threadId, title }) => ({ thread: runtime().threads.rename(threadId, title) }),

    'app:threads/delete': async ({ threadId }) => {
      runtime().threads.delete(threadId);
      return {};
    },

    'app:messages/list': async ({ threadId }) => ({ messages: runtime().messages.list(threadId) }),

    'app:runs/create': async ({ project: value, projectPath, assistantNodeId, threadId, message }) => {
      const { project, projectDir, trusted } = await prepare(value, projectPath);
      return { run: await runtime().runs.create({ project, projectDir, assistantNodeId, threadId, message, trusted }) };
    },

    'app:runs/list': async ({ threadId }) => ({ runs: runtime().runs.list(threadId) }),

    'app:runs/steps': async ({ runId }) => ({ steps: runtime().runs.steps(runId) }),

    'app:runs/cancel': async ({ runId }) => ({ run: runtime().runs.cancel(runId) }),

    'app:runs/submitToolOutputs': async ({ runId, outputs }) => ({ run: runtime().runs.submitToolOutputs(runId, outputs) }),

    'app:handlers/test': async ({ project: value, projectPath, nodeId, args }) => {
      const { project, trusted } = await prepare(value, projectPath);
      const node = project.nodes.find((n) => n.id === nodeId);
      if (!node) throw new AppFailure('E_NOT_FOUND', `The project has no node "${nodeId}".`);
      if (node.kind !== 'function') throw new AppFailure('E_INVALID_REQUEST', `Only Function nodes have a handler to test; "${nodeId}" is a ${node.kind} node.`);
      return runtime().testHandler(node.data, args, { trusted });
    },

    'app:trust/get': async ({ path: file }) => ({ trusted: await trust.isTrusted(file) }),

    'app:trust/grant': async ({ path: file }) => {
      await trust.grant(file);
      return { trusted: true };
    },

    'app:models/list': async ({ providerId }) => ({ models: await ctx.providers.listModels(providerId) }),
  };
}
