import * as fs from 'node:fs/promises';
import path from 'node:path';
import type { TemplateId } from '../../../shared/templateIds.ts';
import { templateOf } from '../../../shared/templates.ts';
import { atomicWrite } from '../workspace/atomicWrite.ts';
import { saveProject } from '../workspace/projects.ts';
import { addRecent } from '../workspace/recent.ts';
import type { HandlerContext, WorkspaceHandlers } from './types.ts';

/** A folder of its own for each project made from a template: `templates/data-analyst`, then `data-analyst-2`… */
async function freshFolder(root: string, name: string): Promise<string> {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? base : `${base}-${n}`);
    try {
      await fs.mkdir(dir, { recursive: false });
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** "New project" from the gallery: the template's project and files, written where it can run at once. */
export function templateHandlers(ctx: HandlerContext): Pick<WorkspaceHandlers, 'app:project/template'> {
  return {
    'app:project/template': async ({ template }) => {
      const chosen = templateOf(template as TemplateId);
      const root = path.join(ctx.dataDir, 'templates');
      await fs.mkdir(root, { recursive: true });
      const dir = await freshFolder(root, chosen.title);
      for (const [relative, content] of Object.entries(chosen.files)) {
        const target = path.join(dir, ...relative.split('/'));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await atomicWrite(target, content);
      }
      const saved = await saveProject(path.join(dir, `${path.basename(dir)}.assistant.json`), null, chosen.project());
      // The app wrote this project itself, so its handlers may run.
      await ctx.trust.grant(saved.path, saved.project);
      addRecent(ctx.settings, saved.path);
      return { document: { path: saved.path, project: saved.project, unreviewed: [] } };
    },
  };
}
