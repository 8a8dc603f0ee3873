import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProject } from '../../../shared/graph/project.ts';
import { createDrafts } from '../../../electron/backend/workspace/drafts.ts';
import { recordingLog, tempDir } from '../../engine/helpers.ts';

describe('drafts', () => {
  it('saves, lists newest first, and discards', async () => {
    const dataDir = await tempDir();
    let clock = 1000;
    const drafts = createDrafts(dataDir, recordingLog(), () => clock++);
    await drafts.save('d1', null, emptyProject('first'));
    await drafts.save('d2', '/tmp/x.assistant.json', emptyProject('second'));

    const listed = await drafts.list();
    expect(listed.map((d) => d.draftId)).toEqual(['d2', 'd1']);
    expect(listed[0]).toMatchObject({ path: '/tmp/x.assistant.json', savedAt: 1001, project: { name: 'second' } });

    await drafts.discard('d2');
    expect((await drafts.list()).map((d) => d.draftId)).toEqual(['d1']);
    await drafts.discardForPath('/tmp/nothing.assistant.json');
    expect(await drafts.list()).toHaveLength(1);
  });

  it('skips a corrupt draft and reports it in the log', async () => {
    const dataDir = await tempDir();
    const log = recordingLog();
    const drafts = createDrafts(dataDir, log);
    await drafts.save('good', null, emptyProject());
    await writeFile(path.join(dataDir, 'drafts', 'broken.json'), '{"draftId": "broken", "pa');
    await writeFile(path.join(dataDir, 'drafts', 'foreign.json'), JSON.stringify({ draftId: 'foreign', path: null, savedAt: 1, project: { hello: 1 } }));

    expect((await drafts.list()).map((d) => d.draftId)).toEqual(['good']);
    expect(log.lines.filter((l) => l.startsWith('warn skipped unreadable draft'))).toHaveLength(2);
  });

  it('offers the readable drafts and moves the unreadable ones aside, once', async () => {
    const dataDir = await tempDir();
    const drafts = createDrafts(dataDir, recordingLog());
    await drafts.save('good', null, emptyProject());
    const torn = path.join(dataDir, 'drafts', 'torn.json');
    await writeFile(torn, '{"draftId": "torn", "pa');
    const offered = await drafts.offer();
    expect(offered.drafts.map((d) => d.draftId)).toEqual(['good']);
    expect(offered.setAside).toEqual([
      { kind: 'draft', name: torn, reason: 'it is not valid JSON', keptAt: expect.stringContaining(path.join('drafts', 'set-aside')) },
    ]);
    expect(await readFile(offered.setAside[0]!.keptAt!, 'utf8')).toBe('{"draftId": "torn", "pa');
    expect(await drafts.offer()).toEqual({ drafts: offered.drafts, setAside: [] });
  });

  it('offers no drafts, and says why, when the drafts folder cannot be listed', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'drafts'), 'a file where the folder should be');
    expect(await createDrafts(dataDir, recordingLog()).offer()).toEqual({
      drafts: [],
      setAside: [{ kind: 'draft', name: path.join(dataDir, 'drafts'), reason: 'the drafts folder cannot be read (ENOTDIR)', keptAt: null }],
    });
  });

  it('refuses draft ids that are not plain file names', async () => {
    const dataDir = await tempDir();
    const drafts = createDrafts(dataDir, recordingLog());
    await expect(drafts.save('../escape', null, emptyProject())).rejects.toMatchObject({ code: 'E_INVALID_REQUEST' });
    await mkdir(path.join(dataDir, 'drafts'), { recursive: true });
    expect(await readdir(dataDir)).toEqual(['drafts']);
  });

  it('says where and why a draft could not be written', async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, 'drafts'), 'a file where the folder should be');
    const drafts = createDrafts(dataDir, recordingLog());
    await expect(drafts.save('d1', null, emptyProject())).rejects.toMatchObject({
      code: 'E_IO',
      message: `Could not write the draft to ${path.join(dataDir, 'drafts')} (EEXIST).`,
    });
  });
});
