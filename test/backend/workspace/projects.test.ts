import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProject, PROJECT_FORMAT } from '../../../shared/graph/project.ts';
import { createNode } from '../../../shared/graph/nodes.ts';
import { serializeProject } from '../../../shared/graph/projectFile.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { checkProject, openProject, saveProject } from '../../../electron/backend/workspace/projects.ts';
import { tempDir } from '../../engine/helpers.ts';
import { deeplyNestedProjectText } from '../../projectEdits.ts';

const knowledgePaths = (project: { nodes: readonly { kind: string; data: unknown }[] }): string[] =>
  project.nodes.flatMap((n) => (n.kind === 'knowledge' ? (n.data as { paths: string[] }).paths : []));

describe('openProject', () => {
  it.each([
    ['not JSON', '{"format": ', 'E_PROJECT_NOT_JSON', /not valid JSON/],
    ['foreign JSON', '{"name": "package", "version": "1.0.0"}\n', 'E_PROJECT_FOREIGN', /not an Assistant Studio project/],
    ['a newer version', `{"format": "${PROJECT_FORMAT}", "schemaVersion": 99, "nodes": []}`, 'E_PROJECT_NEWER', /newer Assistant Studio/],
    [
      'invalid content',
      `{"format": "${PROJECT_FORMAT}", "schemaVersion": 2, "name": 3, "settings": {}, "nodes": [], "edges": []}`,
      'E_PROJECT_INVALID',
      /invalid content/,
    ],
  ])('rejects %s with the right code and leaves the file byte-identical', async (_what, text, code, message) => {
    const file = path.join(await tempDir(), 'x.assistant.json');
    await writeFile(file, text);
    const before = await readFile(file);
    const error = await openProject(file).then(
      () => null,
      (e: unknown) => e as { code: string; message: string; details?: string[] },
    );
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
    if (code === 'E_PROJECT_INVALID') expect(error?.details?.some((d) => d.startsWith('name:'))).toBe(true);
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('refuses a project nested 5,000 levels deep with E_JSON_LIMIT, and the refusal can be sent to a window', async () => {
    const file = path.join(await tempDir(), 'deep.assistant.json');
    await writeFile(file, deeplyNestedProjectText(5000));
    const error = await openProject(file).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error).toMatchObject({ code: 'E_JSON_LIMIT', message: expect.stringContaining('more than 100 levels deep') });
    expect(() => checkProject(JSON.parse(deeplyNestedProjectText(5000)))).toThrow(/more than 100 levels deep/);
    await expect(saveProject(file, null, emptyProject('Over it'))).rejects.toMatchObject({ code: 'E_JSON_LIMIT' });
  });

  it('refuses a file larger than a project may be, and a folder, without reading them as text', async () => {
    const dir = await tempDir();
    const big = path.join(dir, 'big.assistant.json');
    await writeFile(big, Buffer.alloc(33 * 1024 * 1024, 0x20));
    await expect(openProject(big)).rejects.toMatchObject({ code: 'E_IO', message: expect.stringContaining('holds more than 32.0 MB') });
    await expect(openProject(dir)).rejects.toMatchObject({ code: 'E_IO', message: expect.stringContaining('is a folder') });
  });

  it('quotes nothing of a file that is not a project, whatever it holds', async () => {
    const dir = await tempDir();
    const contents = [
      'root:$6$saltsalt$hashedpasswordvalue:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n',
      '{"user": "alice", "password": "hunter2-very-secret"',
      'PRIVATE KEY material 0123456789abcdef',
    ];
    for (const [index, content] of contents.entries()) {
      const file = path.join(dir, `secret-${index}`);
      await writeFile(file, content);
      const error = await openProject(file).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(error?.code).toBe('E_PROJECT_NOT_JSON');
      const quoted = Array.from({ length: content.length - 3 }, (_, i) => content.slice(i, i + 4)).filter((piece) => error!.message.includes(piece));
      expect(quoted, error?.message).toEqual([]);
    }
  });

  it('reports a missing file as not found', async () => {
    await expect(openProject(path.join(await tempDir(), 'missing.assistant.json'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
  });
});

describe('saveProject', () => {
  it('round-trips to the identical project and the identical bytes', async () => {
    const file = path.join(await tempDir(), 'sample.assistant.json');
    const saved = await saveProject(file, null, sampleProject());
    const bytes = await readFile(file, 'utf8');
    const opened = await openProject(file);
    expect(opened.project).toEqual(saved.project);
    expect(serializeProject(opened.project)).toBe(bytes);
    await saveProject(file, file, opened.project);
    expect(await readFile(file, 'utf8')).toBe(bytes);
  });

  it('requires the project file suffix', async () => {
    const file = path.join(await tempDir(), 'notes.json');
    await expect(saveProject(file, null, emptyProject())).rejects.toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('refuses to overwrite a file that is not a project', async () => {
    const file = path.join(await tempDir(), 'other.assistant.json');
    await writeFile(file, '{"precious": true}');
    await expect(saveProject(file, null, emptyProject())).rejects.toMatchObject({ code: 'E_PROJECT_FOREIGN' });
    expect(await readFile(file, 'utf8')).toBe('{"precious": true}');
  });

  it('rejects invalid project content without writing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.assistant.json');
    await expect(saveProject(file, null, { ...emptyProject(), nodes: [{ id: 'x' }] })).rejects.toMatchObject({ code: 'E_PROJECT_INVALID' });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stores absolute paths relative to the project file, with forward slashes', async () => {
    const dir = await tempDir();
    const project = {
      ...emptyProject(),
      nodes: [createNode('knowledge', { x: 0, y: 0 }, { paths: [path.join(dir, 'docs', 'guide.md'), path.join(dir, 'docs', '**', '*.md'), 'notes'] })],
    };
    const saved = await saveProject(path.join(dir, 'p.assistant.json'), null, project);
    expect(knowledgePaths(saved.project)).toEqual(['docs/guide.md', 'docs/**/*.md', 'notes']);
    expect(await readFile(path.join(dir, 'p.assistant.json'), 'utf8')).toContain('"docs/guide.md"');
  });

  it('rebases relative paths when saved to another folder', async () => {
    const root = await tempDir();
    const first = path.join(root, 'a', 'p.assistant.json');
    const second = path.join(root, 'b', 'deeper', 'p.assistant.json');
    await mkdir(path.dirname(first), { recursive: true });
    await mkdir(path.dirname(second), { recursive: true });
    const project = { ...emptyProject(), nodes: [createNode('knowledge', { x: 0, y: 0 }, { paths: ['knowledge', 'docs/*.md'] })] };
    const saved = await saveProject(first, null, project);
    const moved = await saveProject(second, first, saved.project);
    expect(knowledgePaths(moved.project)).toEqual(['../../a/knowledge', '../../a/docs/*.md']);
    const back = await saveProject(first, second, moved.project);
    expect(knowledgePaths(back.project)).toEqual(['knowledge', 'docs/*.md']);
  });
});
