import { AppFailure } from '../../../shared/errors.ts';
import type { KnowledgeReport } from '../../../shared/ipc/filesChannels.ts';
import { contentTrust, knowledgeReach, type Embedder } from '../../engine/index.ts';
import { checkProject } from '../workspace/projects.ts';
import { projectDirOf } from './projectDir.ts';
import type { FilesHandlers, HandlerContext } from './types.ts';

/** Indexing a File Search node's Knowledge from the window, with progress as app events. */
export function knowledgeHandlers(ctx: HandlerContext): Pick<FilesHandlers, 'app:knowledge/sync' | 'app:knowledge/cancel'> {
  /**
   * The embedder of the project's provider. When that provider cannot be reached (no key yet, removed),
   * the files are still indexed for keyword search and the node says why vectors are missing; the
   * next sync or run with a working provider adds them.
   */
  const embedderOf = async (providerId: string, nodeId: string): Promise<{ embedder: Embedder | null; problems: KnowledgeReport['problems'] }> => {
    try {
      return { embedder: await ctx.embedderFor(providerId), problems: [] };
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error;
      return { embedder: null, problems: [{ nodeId, path: 'vectors', message: `indexed for keyword search only: ${error.message}` }] };
    }
  };

  return {
    'app:knowledge/sync': async ({ project, projectPath, nodeId, unreviewed }) => {
      const checked = checkProject(project);
      const projectDir = projectDirOf(projectPath);
      const trust = contentTrust(await ctx.trust.isTrusted(projectPath), unreviewed);
      const { embedder, problems } = await embedderOf(checked.settings.provider, nodeId);
      const report = await ctx.knowledge.sync(ctx.fileIndex(), {
        project: checked,
        projectDir,
        nodeId,
        embedder,
        reach: knowledgeReach(trust, projectDir),
        onProgress: (progress) => ctx.emit({ type: 'knowledge.progress', nodeId, ...progress }),
      });
      return { report: { ...report, problems: [...problems, ...report.problems] } };
    },

    'app:knowledge/cancel': async ({ nodeId }) => ({ cancelled: ctx.knowledge.cancel(nodeId) }),
  };
}
