import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { MAX_ATTACHMENT_BYTES, MAX_INLINE_FILE_BYTES } from '../../shared/ipc/filesChannels.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall } from '../../shared/runtime/steps.ts';
import { setupSimulatedBackend } from './backendHarness.ts';
import { isPng, SYSTEM_PYTHON } from '../engine/codeInterpreter/helpers.ts';
import { tempDir } from '../engine/helpers.ts';
import { builtinProject, toolCallsOf } from '../engine/runtime/builtinFixtures.ts';

const env = setupSimulatedBackend(async ({ h }) => {
  await h.useSimulator('openai-compatible');
  await h.call('app:settings/update', { pythonPath: SYSTEM_PYTHON });
});

const onSimulator = (project: Project): Project => ({ ...project, settings: { provider: 'sim', model: 'gpt-4.1-mini' } });

/** Writes the project into a new folder with the given files; returns the project file's path. */
async function saved(project: Project, files: Record<string, string>): Promise<string> {
  const dir = path.join(await tempDir(), 'project');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  const file = path.join(dir, 'p.assistant.json');
  await writeFile(file, serializeProject(project));
  return file;
}

/** Runs one message on a new thread and waits for the run to end. */
async function runOnce(
  project: Project,
  assistantNodeId: string,
  projectPath: string | null,
  message: string,
  attachments?: { filename: string; bytes: string }[],
) {
  const { thread } = await env.h.call('app:threads/create', { assistantNodeId });
  const { run } = await env.h.call('app:runs/create', {
    project,
    projectPath,
    assistantNodeId,
    threadId: thread.id,
    message,
    ...(attachments ? { attachments } : {}),
  });
  await env.h.until(run.id, 'thread.run.completed', 30_000);
  const { steps } = await env.h.call('app:runs/steps', { runId: run.id });
  return { thread, run, calls: toolCallsOf(steps) };
}

const PLOT = [
  'import matplotlib.pyplot as plt',
  'plt.plot([1, 2, 3], [3, 1, 2])',
  "with open('out.txt', 'w') as f:",
  "    f.write('written by the code')",
].join('\n');

describe('runtime files', () => {
  it('returns a chart the code interpreter drew, and saves its output file where the user chose', async () => {
    const fixture = builtinProject('codeInterpreter', []);
    env.sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: PLOT } }] }, { text: 'Drawn.' });
    const { calls } = await runOnce(onSimulator(fixture.project), fixture.assistantId, null, 'Plot it');
    const call = calls[0] as CodeInterpreterToolCall;
    expect(call.error).toBeNull();
    const image = call.code_interpreter.outputs.find((o) => o.type === 'image');
    if (image?.type !== 'image') throw new Error('no image');

    const content = await env.h.call('app:files/content', { fileId: image.image.file_id });
    const bytes = Buffer.from(content.bytes, 'base64');
    expect(content).toMatchObject({ mime: 'image/png', size: bytes.byteLength });
    expect(content.filename).toMatch(/\.png$/);
    expect(isPng(bytes)).toBe(true);

    const output = call.code_interpreter.files?.find((f) => f.name === 'out.txt');
    if (!output) throw new Error('no output file');
    const target = path.join(env.dataDir, 'chosen', 'result.txt');
    await mkdir(path.dirname(target));
    expect(await env.h.call('app:files/save', { fileId: output.file_id, path: target })).toEqual({ path: target });
    expect(await readFile(target, 'utf8')).toBe('written by the code');
    // Saving again replaces the file the user chose, and nothing else.
    await env.h.call('app:files/save', { fileId: image.image.file_id, path: target });
    expect(isPng(await readFile(target))).toBe(true);

    expect(await env.h.refuse('app:files/save', { fileId: output.file_id, path: path.join(env.dataDir, 'chosen') })).toMatchObject({
      code: 'E_INVALID_REQUEST',
    });
    expect(await env.h.refuse('app:files/save', { fileId: output.file_id, path: path.join(env.dataDir, 'missing', 'x.txt') })).toMatchObject({
      code: 'E_NOT_FOUND',
    });
    expect(await env.h.refuse('app:files/save', { fileId: output.file_id, path: 'relative.txt' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await env.h.refuse('app:files/content', { fileId: 'file-nothing' })).toMatchObject({ code: 'E_NOT_FOUND' });
  }, 60_000);

  it('sends a file inline only up to the size limit, and saves a larger one', async () => {
    const fixture = builtinProject('codeInterpreter', []);
    const code = "with open('big.bin', 'wb') as f:\n    f.write(b'x' * (MAX_INLINE + 1))".replace('MAX_INLINE', String(MAX_INLINE_FILE_BYTES));
    env.sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code } }] }, { text: 'Written.' });
    const { calls } = await runOnce(onSimulator(fixture.project), fixture.assistantId, null, 'Write a big file');
    const big = (calls[0] as CodeInterpreterToolCall).code_interpreter.files?.find((f) => f.name === 'big.bin');
    if (!big) throw new Error('no big file');
    expect(await env.h.refuse('app:files/content', { fileId: big.file_id })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/too large to show here.*save it instead/),
    });
    const target = path.join(env.dataDir, 'big.bin');
    await env.h.call('app:files/save', { fileId: big.file_id, path: target });
    expect((await readFile(target)).byteLength).toBe(MAX_INLINE_FILE_BYTES + 1);
  }, 60_000);

  it('places message attachments in the working directory, where the scripted code reads them', async () => {
    const fixture = builtinProject('codeInterpreter', []);
    const csv = 'month,total\njan,3\nfeb,5\nmar,4\n';
    const code = "import csv\nrows = list(csv.DictReader(open('sales.csv')))\nprint('total', sum(int(r['total']) for r in rows))";
    env.sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code } }] }, { text: 'The total is 12.' });
    const attachments = [{ filename: 'sales.csv', bytes: Buffer.from(csv).toString('base64') }];
    const { thread, calls } = await runOnce(onSimulator(fixture.project), fixture.assistantId, null, 'Sum the totals', attachments);
    const call = calls[0] as CodeInterpreterToolCall;
    expect(call.code_interpreter.outputs).toEqual([{ type: 'logs', logs: 'total 12\n' }]);
    // The model is told the file is there, by name.
    expect(env.sim.requests[0]!.lastUserText).toMatch(/^Sum the totals\n\n\(Attached for the code interpreter.*sales\.csv\)$/);

    const { messages } = await env.h.call('app:messages/list', { threadId: thread.id });
    const attached = messages[0]!.attachments;
    expect(attached).toEqual([{ file_id: expect.stringMatching(/^file-/), tools: [{ type: 'code_interpreter' }] }]);
    const stored = await env.h.call('app:files/content', { fileId: attached[0]!.file_id });
    expect(stored).toMatchObject({ filename: 'sales.csv', mime: 'text/csv' });
    expect(Buffer.from(stored.bytes, 'base64').toString('utf8')).toBe(csv);
  }, 60_000);

  it('refuses attachments that are malformed, too large or without a message', async () => {
    const fixture = builtinProject('codeInterpreter', []);
    const project = onSimulator(fixture.project);
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: fixture.assistantId });
    const base = { project, projectPath: null, assistantNodeId: fixture.assistantId, threadId: thread.id };
    const refuse = (message: string | null, attachment: { filename: string; bytes: string }) =>
      env.h.refuse('app:runs/create', { ...base, message, attachments: [attachment] });
    const small = Buffer.from('a,b\n').toString('base64');
    expect(await refuse('Hi', { filename: 'x.csv', bytes: 'not base64!' })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/base64/),
    });
    expect(await refuse('Hi', { filename: '../x.csv', bytes: small })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await refuse('Hi', { filename: '..', bytes: small })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect(await refuse(null, { filename: 'x.csv', bytes: small })).toMatchObject({ code: 'E_INVALID_REQUEST', message: expect.stringMatching(/message/) });
    const large = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64');
    expect(await refuse('Hi', { filename: 'big.bin', bytes: large })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringMatching(/larger than 10 MB/),
    });
    const half = Buffer.alloc(MAX_ATTACHMENT_BYTES / 2 + 1).toString('base64');
    const together = await env.h.refuse('app:runs/create', {
      ...base,
      message: 'Hi',
      attachments: [
        { filename: 'a.bin', bytes: half },
        { filename: 'b.bin', bytes: half },
      ],
    });
    expect(together).toMatchObject({ code: 'E_INVALID_REQUEST', message: expect.stringMatching(/together/) });
    expect((await env.h.call('app:messages/list', { threadId: thread.id })).messages).toEqual([]);
  });
});

describe('cited passages', () => {
  it('opens the passage a citation of a file-search run points at', async () => {
    const fixture = builtinProject('fileSearch', ['docs']);
    const project = onSimulator(fixture.project);
    const projectPath = await saved(project, {
      'docs/tides.md': '# Tides\n\nThe moon pulls the oceans, which makes the tides rise and fall twice a day.\n',
      'docs/bread.md': '# Bread\n\nSourdough rises slowly because wild yeast ferments the dough.\n',
    });
    env.sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'why do tides rise' } }] });
    env.sim.rule((request) => ({ text: `The moon does it ${request.toolOutputs[0]?.output.match(/【0:0†[^】]+】/)?.[0] ?? 'no marker'}.` }));
    const { thread, calls } = await runOnce(project, fixture.assistantId, projectPath, 'Why do tides rise?');
    const search = calls[0] as FileSearchToolCall;
    expect(search.file_search.results?.[0]).toMatchObject({ file_name: 'tides.md' });

    const { messages } = await env.h.call('app:messages/list', { threadId: thread.id });
    const part = messages.at(-1)!.content[0]!;
    if (part.type !== 'text') throw new Error('no text');
    const citation = part.text.annotations.find((a) => a.type === 'file_citation');
    if (citation?.type !== 'file_citation') throw new Error('no citation');
    const passage = await env.h.call('app:fileSearch/chunk', { chunkId: citation.file_citation.chunk_id! });
    expect(passage).toMatchObject({
      chunkId: citation.file_citation.chunk_id,
      fileId: citation.file_citation.file_id,
      fileName: 'tides.md',
      path: 'docs/tides.md',
    });
    expect(passage.text).toContain('The moon pulls the oceans');
    expect(passage.charEnd).toBeGreaterThan(passage.charStart);

    expect(await env.h.refuse('app:fileSearch/chunk', { chunkId: 'chunk-gone' })).toMatchObject({ code: 'E_NOT_FOUND' });
  }, 30_000);
});

describe('knowledge indexed from the window', () => {
  it('is what runs search: an unsaved copy of the project still finds it', async () => {
    const fixture = builtinProject('fileSearch', ['docs']);
    const project = onSimulator(fixture.project);
    const projectPath = await saved(project, { 'docs/tides.md': '# Tides\n\nThe moon pulls the oceans, which makes the tides rise.\n' });
    expect((await env.h.call('app:knowledge/sync', { project, projectPath, nodeId: fixture.toolId })).report.added).toBe(1);
    env.sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'tides moon' } }] }, { text: 'The moon.' });
    // Without the project's folder the run cannot index anything itself, so what it finds came from the sync above.
    const { calls } = await runOnce(project, fixture.assistantId, null, 'Why tides?');
    expect((calls[0] as FileSearchToolCall).file_search.results?.map((r) => r.file_name)).toEqual(['tides.md']);
  }, 30_000);
});

describe('python', () => {
  it('reports the configured Python and the sandbox, and keeps the setting', async () => {
    const inspection = await env.h.call('app:python/inspect', {});
    expect(inspection.path).toBe(SYSTEM_PYTHON);
    expect(inspection.version).toMatch(/^3\./);
    expect(Object.keys(inspection.packages).sort()).toEqual(['matplotlib', 'numpy', 'pandas']);
    expect(inspection.sandbox.kind).toBe('bubblewrap');
    expect((await env.h.call('app:settings/get', {})).pythonPath).toBe(SYSTEM_PYTHON);

    expect(await env.h.refuse('app:settings/update', { pythonPath: 'python3' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
    expect((await env.h.call('app:settings/update', { pythonPath: '' })).pythonPath).toBeNull();
    const missing = path.join(env.dataDir, 'no-python');
    await env.h.call('app:settings/update', { pythonPath: missing });
    const fallback = await env.h.call('app:python/inspect', {});
    expect(fallback.candidates[0]).toMatchObject({ path: missing, problem: expect.any(String) });
  });
});
