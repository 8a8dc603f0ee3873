import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import type { TemplateId } from '../../shared/templateIds.ts';
import { TEMPLATES } from '../../shared/templates.ts';
import { demoRule } from '../simulator/demo.ts';
import { setupSimulatedBackend } from './backendHarness.ts';

const env = setupSimulatedBackend();

const EXPECTED: Record<Exclude<TemplateId, 'blank'>, RegExp> = {
  research: /^From the knowledge files: .*【0:0†retrieval\.md】/,
  analyst: /^I ran Python on the data\. It printed:\n\n```\nsales\.csv: 11 rows; columns: month, region, orders, revenue/,
  product: /^`search_products` returned 2 results: Travel kettle; Glass kettle\.$/,
};

describe('projects from the gallery', () => {
  it.each(TEMPLATES.filter((t) => t.id !== 'blank'))('$title is written with its files, trusted, and runs its tool on the demo model', async (template) => {
    const id = template.id as Exclude<TemplateId, 'blank'>;
    const { document } = await env.h.call('app:project/template', { template: id });
    expect(path.dirname(document.path!)).toBe(path.join(env.dataDir, 'templates', template.title.toLowerCase().replaceAll(' ', '-')));
    for (const [relative, content] of Object.entries(template.files))
      expect(readFileSync(path.join(path.dirname(document.path!), relative), 'utf8')).toBe(content);
    expect(await env.h.call('app:trust/get', { path: document.path })).toEqual({ trusted: true });
    expect(document.unreviewed).toEqual([]);
    // A second one goes into a folder of its own.
    const again = await env.h.call('app:project/template', { template: id });
    expect(path.basename(path.dirname(again.document.path!))).toMatch(/-2$/);
    expect(existsSync(document.path!)).toBe(true);

    const project: Project = { ...(document.project as Project), settings: { provider: 'sim', model: 'gpt-4.1-mini' } };
    const assistantId = project.nodes.find((n) => n.kind === 'assistant')!.id;
    await env.h.useSimulator('openai-compatible');
    env.sim.rule(demoRule);
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const { run } = await env.h.call('app:runs/create', {
      project,
      projectPath: document.path,
      assistantNodeId: assistantId,
      threadId: thread.id,
      message: template.tryWith!,
    });
    await env.h.until(run.id, 'thread.run.completed', 60_000);
    const { messages } = await env.h.call('app:messages/list', { threadId: thread.id });
    const answer = messages.filter((m) => m.role === 'assistant').at(-1)!;
    expect(answer.content[0]).toMatchObject({ type: 'text', text: { value: expect.stringMatching(EXPECTED[id]) } });
  });

  it('refuses a template that does not exist, and blank (the window makes that itself)', async () => {
    expect(await env.h.refuse('app:project/template', { template: 'blank' as never })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await env.h.refuse('app:project/template', { template: 'nope' as never })).toMatchObject({ code: 'E_INVALID_REQUEST' });
  });
});
