import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrust, normaliseProjectPath } from '../../../electron/backend/workspace/trust.ts';
import { readSettings } from '../../../electron/backend/workspace/settings.ts';
import type { Project } from '../../../shared/graph/project.ts';
import { memoryStore, tempDir } from '../../engine/helpers.ts';
import { simulatedSample, withFunction } from '../backendHarness.ts';

const HANDLER = 'export default async function handler() { return "v1"; }';
const PULLED = 'export default async function handler() { return "v2, from the pull"; }';
const withKnowledge = (project: Project, paths: string[]): Project => ({
  ...project,
  nodes: project.nodes.map((n) => (n.kind === 'knowledge' ? ({ ...n, data: { ...n.data, paths } } as typeof n) : n)),
});

async function setup() {
  const dir = await tempDir();
  const contentDir = path.join(dir, 'trusted-content');
  const settings = memoryStore();
  const trust = createTrust(settings, { contentDir });
  const { project, functionId } = simulatedSample();
  return {
    dir,
    contentDir,
    settings,
    trust,
    functionId,
    project: withFunction(project, { handler: HANDLER }),
    at: (name: string) => path.join(dir, `${name}.assistant.json`),
  };
}

describe('project trust', () => {
  it('trusts a never-saved project and nothing on disk until granted', async () => {
    const { trust, project, at } = await setup();
    await writeFile(at('a'), '{}');
    expect(await trust.isTrusted(null)).toBe(true);
    expect(await trust.isTrusted(at('a'))).toBe(false);
    await trust.grant(at('a'), project);
    expect(await trust.isTrusted(at('a'))).toBe(true);
    expect(await trust.unreviewed(at('a'), project)).toEqual([]);
  });

  it('knows a project by its real path, however it is spelled', async () => {
    const { dir, settings, trust, project } = await setup();
    await mkdir(path.join(dir, 'real'));
    const file = path.join(dir, 'real', 'a.assistant.json');
    await writeFile(file, '{}');
    await symlink(path.join(dir, 'real'), path.join(dir, 'link'));
    await trust.grant(path.join(dir, 'link', '..', 'link', 'a.assistant.json'), project);
    expect(await trust.isTrusted(file)).toBe(true);
    expect(readSettings(settings).trustedProjects).toEqual([await normaliseProjectPath(file)]);
    // A file that does not exist yet is named through its folder's real path.
    expect(await normaliseProjectPath(path.join(dir, 'link', 'new.assistant.json'))).toBe(
      path.join(await normaliseProjectPath(file), '..', 'new.assistant.json'),
    );
    await expect(trust.isTrusted('a.assistant.json')).rejects.toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('trusts the content the file held, so handler code changed outside the app waits for review', async () => {
    const { trust, project, functionId, at } = await setup();
    await trust.grant(at('repo'), project);
    // A `git pull` brings new handler code into the trusted file.
    const pulled = withFunction(project, { handler: PULLED });
    expect(await trust.isTrusted(at('repo'))).toBe(true);
    expect(await trust.unreviewed(at('repo'), pulled)).toEqual([functionId]);
    const review = await trust.review(at('repo'), pulled);
    expect(review).toEqual([expect.objectContaining({ nodeId: functionId, kind: 'handler', status: 'changed', before: HANDLER, text: PULLED })]);

    await trust.grant(at('repo'), pulled);
    expect(await trust.unreviewed(at('repo'), pulled)).toEqual([]);
    // Going back to the old code is a change too: what is trusted is exactly what was reviewed last.
    expect(await trust.unreviewed(at('repo'), project)).toEqual([functionId]);
  });

  it('asks about Knowledge paths that lead outside the project folder, and only those', async () => {
    const { trust, project, at } = await setup();
    const inside = withKnowledge(project, ['docs/*.md', 'notes.md']);
    await trust.grant(at('k'), inside);
    expect(await trust.unreviewed(at('k'), inside)).toEqual([]);
    const outside = withKnowledge(project, ['docs/*.md', '../../secrets/*.txt', '/etc/hosts']);
    const knowledgeId = project.nodes.find((n) => n.kind === 'knowledge')!.id;
    expect(await trust.unreviewed(at('k'), outside)).toEqual([knowledgeId]);
    expect((await trust.review(at('k'), outside)).find((item) => item.kind === 'knowledge')).toMatchObject({
      status: 'added',
      text: '../../secrets/*.txt\n/etc/hosts',
    });
  });

  it('keeps the texts it compares against privately', async () => {
    const { contentDir, trust, project, at } = await setup();
    await trust.grant(at('p'), project);
    expect((await stat(contentDir)).mode & 0o777).toBe(0o700);
    const [kept] = await readdir(contentDir);
    expect((await stat(path.join(contentDir, kept!))).mode & 0o777).toBe(0o600);
  });

  it('accepts what a file trusted by an earlier version holds, once', async () => {
    const { settings, trust, project, functionId, at } = await setup();
    await writeFile(at('old'), '{}');
    const normalised = await normaliseProjectPath(at('old'));
    settings.set({ ...readSettings(settings), trustedProjects: [normalised] });
    expect(await trust.unreviewed(at('old'), project)).toEqual([]);
    expect(await trust.unreviewed(at('old'), withFunction(project, { handler: PULLED }))).toEqual([functionId]);
  });

  it('carries trust along on Save As, so an untrusted project stays untrusted wherever it is saved', async () => {
    const { trust, project, at } = await setup();
    await trust.followSave(at('fresh'), null, project, []);
    expect(await trust.isTrusted(at('fresh'))).toBe(true);
    await trust.followSave(at('copy'), at('fresh'), project, []);
    expect(await trust.isTrusted(at('copy'))).toBe(true);

    await trust.followSave(at('laundered'), at('downloaded'), project, []);
    expect(await trust.isTrusted(at('laundered'))).toBe(false);
    // Saving untrusted content over a trusted file takes that file's trust away.
    await trust.followSave(at('copy'), at('downloaded'), project, []);
    expect(await trust.isTrusted(at('copy'))).toBe(false);
    // A plain save keeps whatever the file had.
    await trust.followSave(at('fresh'), at('fresh'), project, []);
    expect(await trust.isTrusted(at('fresh'))).toBe(true);
  });

  it('does not let a save approve content that still waits for review', async () => {
    const { trust, project, functionId, at } = await setup();
    await trust.grant(at('mine'), project);
    const imported = withFunction(project, { handler: PULLED });
    // The window saves with the imported handler still unreviewed: it stays unreviewed on reopen, and
    // its review still shows what it replaced.
    await trust.followSave(at('mine'), at('mine'), imported, [functionId]);
    expect(await trust.unreviewed(at('mine'), imported)).toEqual([functionId]);
    expect((await trust.review(at('mine'), imported))[0]).toMatchObject({ status: 'changed', before: HANDLER });
    await trust.followSave(at('saved-as'), at('mine'), imported, [functionId]);
    expect(await trust.unreviewed(at('saved-as'), imported)).toEqual([functionId]);
    // Once reviewed in the window, the save records it.
    await trust.followSave(at('mine'), at('mine'), imported, []);
    expect(await trust.unreviewed(at('mine'), imported)).toEqual([]);
  });
});
