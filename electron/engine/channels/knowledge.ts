import { checkProject } from '../workspace/projects.ts';
import { projectDirOf } from './projectDir.ts';
import type { FilesHandlers, HandlerContext } from './types.ts';

/** Indexing a File Search node's Knowledge from the window, with progress as app events. */
export function knowledgeHandlers(ctx: HandlerContext): Pick<FilesHandlers, 'app:knowledge/sync' | 'app:knowledge/cancel'> {
  return {
    'app:knowledge/sync': async ({ project, projectPath, nodeId }) => {
      const checked = checkProject(project);
      const projectDir = projectDirOf(projectPath);
      const report = await ctx.knowledge.sync(ctx.fileIndex(), {
        project: checked, projectDir, nodeId,
        onProgress: (progress) => ctx.emit({ type: 'knowledge.progress', nodeId, ...progress }),
      });
      return { report };
    },

    'app:knowledge/cancel': async ({ nodeId }) => ({ cancelled: ctx.knowledge.cancel(nodeId) }),
  };
}
