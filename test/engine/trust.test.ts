import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionManager } from '../../electron/engine/codeInterpreter/manager.ts';
import { OUTSIDE_PROJECT } from '../../electron/engine/index.ts';
import { openFileIndex } from '../../electron/engine/fileSearch/fileIndex.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall } from '../../shared/runtime/steps.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { SYSTEM_PYTHON } from './codeInterpreter/helpers.ts';
import { builtinProject, projectFolder, toolCallsOf } from './runtime/builtinFixtures.ts';
import { harness, type Harness } from './runtime/harness.ts';

/**
 * What the Knowledge of a project the user has not trusted reaches: only files inside its folder,
 * after resolving symbolic links. Three canary files stand for `~/.ssh/id_rsa` and the like, named by
 * an absolute path, by `../..` and by a link inside the project; none may reach the model.
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const CANARIES = ['CANARY-ABSOLUTE-7731', 'CANARY-PARENT-7732', 'CANARY-LINKED-7733'];
const INSIDE = 'The project notes say the kettle is blue.';

let outside: string;
let folder: ReturnType<typeof projectFolder>;
let knowledgePaths: string[];
beforeEach(() => {
  sim.reset();
  outside = mkdtempSync(path.join(os.tmpdir(), 'studio-outside-'));
  for (const [i, canary] of CANARIES.entries()) writeFileSync(path.join(outside, `secret${i}.txt`), `secret ${canary} kettle\n`);
  folder = projectFolder({ 'docs/inside.txt': INSIDE });
  symlinkSync(path.join(outside, 'secret2.txt'), path.join(folder.dir, 'docs', 'notes.txt'));
  knowledgePaths = [path.join(outside, 'secret0.txt'), path.relative(folder.dir, path.join(outside, 'secret1.txt')), 'docs'];
});
afterEach(() => {
  folder.dispose();
  rmSync(outside, { recursive: true, force: true });
});

const leaked = (): string[] => {
  const sent = JSON.stringify(sim.requests);
  return CANARIES.filter((canary) => sent.includes(canary));
};

describe('the Knowledge of an untrusted project', () => {
  let h: Harness;
  afterEach(() => h.dispose());

  const run = async (
    tool: 'fileSearch' | 'codeInterpreter',
    call: { name: string; arguments: Record<string, unknown> },
    trust: { trusted: boolean; unreviewed?: string[] },
  ) => {
    const fixture = builtinProject(tool, knowledgePaths);
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId }).id;
    sim.script({ toolCalls: [call] }, { text: 'Done.' });
    const knowledgeId = fixture.project.nodes.find((n) => n.kind === 'knowledge')!.id;
    const created = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread,
      message: 'What do the files say?',
      projectDir: folder.dir,
      trusted: trust.trusted,
      ...(trust.unreviewed ? { unreviewed: trust.unreviewed.map((id) => (id === 'knowledge' ? knowledgeId : id)) } : {}),
    });
    expect((await h.runtime.runs.wait(created.id)).status).toBe('completed');
    return toolCallsOf(h.runtime.runs.steps(created.id));
  };

  describe('in File Search', () => {
    beforeEach(() => {
      h = harness(sim, 'responses', (store) => ({ fileIndex: openFileIndex(store.database) }));
    });
    const search = { name: 'file_search', arguments: { query: 'kettle secret' } };
    const problemsOf = (calls: Awaited<ReturnType<typeof run>>) => (calls[0] as FileSearchToolCall).file_search.problems ?? [];

    it('indexes only files inside the project folder and says which paths wait for trust', async () => {
      const calls = await run('fileSearch', search, { trusted: false });
      expect(leaked()).toEqual([]);
      const results = (calls[0] as FileSearchToolCall).file_search.results ?? [];
      expect(results.map((r) => r.file_name)).toEqual(['inside.txt']);
      expect(problemsOf(calls).map((p) => [p.path, p.message])).toEqual(
        expect.arrayContaining([
          [knowledgePaths[0], OUTSIDE_PROJECT],
          [knowledgePaths[1], OUTSIDE_PROJECT],
          ['docs', OUTSIDE_PROJECT],
        ]),
      );
    });

    it('treats a trusted project’s unreviewed Knowledge node the same way', async () => {
      await run('fileSearch', search, { trusted: true, unreviewed: ['knowledge'] });
      expect(leaked()).toEqual([]);
    });

    it('reads them all once the project is trusted', async () => {
      await run('fileSearch', search, { trusted: true });
      expect(leaked()).toEqual(CANARIES);
    });
  });

  describe('in the Code Interpreter', () => {
    let sessions: SessionManager;
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'studio-ci-trust-'));
      sessions = new SessionManager({ rootDir: path.join(root, 'sessions'), pythonPath: SYSTEM_PYTHON, limits: { timeLimitMs: 20_000 } });
      h = harness(sim, 'responses', { codeInterpreter: sessions, filesDir: path.join(root, 'files') });
    });
    afterEach(() => {
      sessions.closeAll();
      rmSync(root, { recursive: true, force: true });
    });
    // Prints every file the working folder holds, with its content.
    const list = {
      name: 'code_interpreter',
      arguments: { code: "import os\nfor n in sorted(os.listdir('.')):\n    print(n, open(n).read() if os.path.isfile(n) else '')" },
    };
    const logsOf = (calls: Awaited<ReturnType<typeof run>>) =>
      (calls[0] as CodeInterpreterToolCall).code_interpreter.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');

    it('copies only files inside the project folder into the working folder', async () => {
      const calls = await run('codeInterpreter', list, { trusted: false });
      expect(logsOf(calls)).toContain(INSIDE);
      expect(leaked()).toEqual([]);
      for (const canary of CANARIES) expect(logsOf(calls)).not.toContain(canary);
      expect(((calls[0] as CodeInterpreterToolCall).code_interpreter.problems ?? []).map((p) => p.message)).toContain(OUTSIDE_PROJECT);
    });

    it('copies them all once the project is trusted', async () => {
      const calls = await run('codeInterpreter', list, { trusted: true });
      for (const canary of CANARIES) expect(logsOf(calls)).toContain(canary);
    });
  });
});

describe('special files named by Knowledge', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness(sim, 'responses', (store) => ({ fileIndex: openFileIndex(store.database) }));
  });
  afterEach(() => h.dispose());

  it('refuses a link to /dev/zero and a named pipe at once, in a trusted project too', async () => {
    symlinkSync('/dev/zero', path.join(folder.dir, 'docs', 'zero.txt'));
    execFileSync('mkfifo', [path.join(folder.dir, 'docs', 'pipe.txt')]);
    knowledgePaths = ['docs', 'docs/zero.txt', 'docs/pipe.txt'];
    const fixture = builtinProject('fileSearch', knowledgePaths);
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId }).id;
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'kettle' } }] }, { text: 'Done.' });
    const began = Date.now();
    const created = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread,
      message: 'Search',
      projectDir: folder.dir,
      trusted: true,
    });
    expect((await h.runtime.runs.wait(created.id)).status).toBe('completed');
    expect(Date.now() - began).toBeLessThan(10_000);
    const call = toolCallsOf(h.runtime.runs.steps(created.id))[0] as FileSearchToolCall;
    // The link to a file elsewhere is read (the project is trusted); the device and the pipe are not.
    expect((call.file_search.results ?? []).map((r) => r.file_name).sort()).toEqual(['inside.txt', 'secret2.txt']);
    expect(call.file_search.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'docs/zero.txt', message: expect.stringMatching(/not a regular file/i) }),
        expect.objectContaining({ path: 'docs/pipe.txt', message: expect.stringMatching(/not a regular file/i) }),
      ]),
    );
  });
});
