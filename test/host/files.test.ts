import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import { builtinProject } from '../engine/runtime/builtinFixtures.ts';
import { connectClient, startTestHost } from './helpers.ts';

it('serves Knowledge indexing with progress on the event socket, export and import, and no native dialogs', async () => {
  const { host, backend, dataDir } = await startTestHost();
  const client = await connectClient(host);
  const { invoke, value, received } = client;
  try {
    const { project, toolId, assistantId } = builtinProject('fileSearch', ['docs']);
    const dir = path.join(dataDir, 'project');
    await mkdir(path.join(dir, 'docs'), { recursive: true });
    await writeFile(path.join(dir, 'docs', 'a.md'), '# A\n\nAlpha text.\n');
    await writeFile(path.join(dir, 'docs', 'b.md'), '# B\n\nBeta text.\n');
    const projectPath = path.join(dir, 'p.assistant.json');
    await writeFile(projectPath, serializeProject(project));

    const { report } = await value<ResponseOf<'app:knowledge/sync'>>('app:knowledge/sync', { project, projectPath, nodeId: toolId });
    expect(report).toMatchObject({ added: 2, problems: [] });
    await expect
      .poll(() => received.filter((e) => e.type === 'knowledge.progress').at(-1), { timeout: 5_000, interval: 10 })
      .toMatchObject({ type: 'knowledge.progress', nodeId: toolId, phase: 'files', done: 2, total: 2 });

    const withModel = { ...project, settings: { provider: 'openai', model: 'gpt-4.1-mini' } } as Project;
    const preview = await value<ResponseOf<'app:export/preview'>>('app:export/preview', {
      project: withModel,
      projectPath,
      assistantNodeId: assistantId,
      format: 'curl',
    });
    expect(preview.primary).toBe('request.sh');
    const json = await value<ResponseOf<'app:export/preview'>>('app:export/preview', {
      project: withModel,
      projectPath,
      assistantNodeId: assistantId,
      format: 'json',
    });
    const imported = await value<ResponseOf<'app:import/definition'>>('app:import/definition', { text: json.files[0]!.content });
    expect(imported.nodes.map((n) => n.kind).sort()).toEqual(['assistant', 'fileSearch', 'knowledge']);

    expect(await invoke('app:dialog/saveFile', { suggestedName: 'chart.png' })).toMatchObject({ ok: false, error: { code: 'E_UNSUPPORTED' } });
    expect(await invoke('app:dialog/chooseFolder', {})).toMatchObject({ ok: false, error: { code: 'E_UNSUPPORTED' } });
  } finally {
    client.close();
    await host.close();
    await backend.close();
  }
});
