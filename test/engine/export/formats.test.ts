// The formats that are checked without installing anything: Python byte-compiles, the cURL script is
// valid shell and sends a parseable request, and the export refuses what it cannot compile.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportAssistant } from '../../../electron/engine/export/index.ts';
import { createNode } from '../../../shared/graph/nodes.ts';
import { emptyProject, type Project } from '../../../shared/graph/project.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { firstOfKind, withNodeData } from '../../projectEdits.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { tempDir } from '../helpers.ts';
import { assistantOf, expectSuccess, exported, functionOnlySample, keywordProject, runProcess, variantProject, writeFiles } from './helpers.ts';

/** An assistant without tools. */
function bareProject(): Project {
  return { ...emptyProject('Bare'), nodes: [createNode('assistant', { x: 0, y: 0 }, { name: 'Bare', instructions: 'Say hi.' })] };
}

const projects: [string, () => Project][] = [
  ['the sample', sampleProject],
  ['the function-only sample', functionOnlySample],
  ['mocked and "ask me" functions with a JSON schema', variantProject],
  ['an assistant without tools', bareProject],
  ['function names that are keywords or not identifiers', keywordProject],
];

describe('Python exports', () => {
  for (const format of ['python', 'agents-python', 'assistants-python'] as const) {
    for (const [label, project] of projects) {
      it(`${format} byte-compiles for ${label}`, async () => {
        const dir = await tempDir();
        const { files, primary } = exported(project(), format);
        await writeFiles(dir, files);
        expectSuccess(await runProcess('python3', ['-m', 'py_compile', primary], { cwd: dir }));
      });
    }
  }

  it('carries the TypeScript handler as a comment in a stub that says it is not ported', () => {
    const main = exported(sampleProject(), 'python').files.find((f) => f.path === 'main.py')!.content;
    expect(main).toContain('def search_database(args: dict) -> object:');
    expect(main).toContain('    # export default async function handler(args: Args, ctx: HandlerContext) {');
    expect(main).toContain('return {"error": "handler not ported yet"}');
  });

  it('says what the Python Agents SDK export leaves out', () => {
    expect(exported(variantProject(), 'agents-python').warnings).toContainEqual(expect.stringContaining('JSON schema response format is not exported'));
  });
});

describe('cURL export', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterEach(() => sim.reset());
  afterAll(() => sim.close());

  for (const [label, project] of projects) {
    it(`is valid shell for ${label}`, async () => {
      const dir = await tempDir();
      await writeFiles(dir, exported(project(), 'curl').files);
      expectSuccess(await runProcess('bash', ['-n', 'request.sh'], { cwd: dir }));
    });
  }

  it('sends the Responses request with the question escaped into its JSON body', async () => {
    const dir = await tempDir();
    await writeFiles(dir, exported(sampleProject(), 'curl').files);
    sim.script({ text: 'Hello.' });
    const question = 'Quotes " and \\ backslash, $HOME, `date` and\na new line';
    const env = { ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: sim.baseURL, VECTOR_STORE_ID: 'vs_knowledge' };

    const run = await runProcess('bash', ['request.sh', question], { cwd: dir, env });

    expectSuccess(run);
    expect(JSON.parse(run.stdout)).toMatchObject({ object: 'response', status: 'completed' });
    const body = sim.requests[0]!.body;
    expect(body.input).toBe(question);
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', temperature: 0.3, instructions: assistantOf(sampleProject()).data.instructions });
    expect(body.tools).toEqual([
      expect.objectContaining({ type: 'function', name: 'search_database' }),
      { type: 'file_search', vector_store_ids: ['vs_knowledge'], max_num_results: 20, ranking_options: { ranker: 'auto', score_threshold: 0 } },
      { type: 'code_interpreter', container: { type: 'auto' } },
    ]);
  });

  it('refuses to run without a vector store for the Knowledge files, and never holds a key', async () => {
    const dir = await tempDir();
    await writeFiles(dir, exported(sampleProject(), 'curl').files);
    const env: NodeJS.ProcessEnv = { ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    delete env.VECTOR_STORE_ID;
    const run = await runProcess('bash', ['request.sh', 'hi'], { cwd: dir, env });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('set VECTOR_STORE_ID');
    expect(await readFile(path.join(dir, 'request.sh'), 'utf8')).not.toContain('test-key');
  });
});

describe('exportAssistant', () => {
  it('refuses nodes that are not assistants, and assistants with errors', () => {
    const project = sampleProject();
    const fn = firstOfKind(project, 'function');
    expect(exportAssistant(project, fn.id, 'typescript')).toMatchObject({ ok: false, reason: expect.stringContaining('not an assistant') });
    expect(exportAssistant(project, 'n_missing', 'json')).toMatchObject({ ok: false });
    const broken = withNodeData(project, fn, { name: 'not a valid name!' });
    expect(exportAssistant(broken, assistantOf(broken).id, 'python')).toMatchObject({ ok: false, reason: expect.stringContaining('problem') });
  });

  it('names the primary file of every format and says what differs from the app', () => {
    const project = sampleProject();
    const id = assistantOf(project).id;
    const primaries = (['typescript', 'python', 'agents-typescript', 'agents-python', 'json', 'curl'] as const).map((f) => {
      const r = exportAssistant(project, id, f);
      return r.ok ? r.primary : null;
    });
    expect(primaries).toEqual(['main.ts', 'main.py', 'main.ts', 'main.py', 'assistant.json', 'request.sh']);
    const ts = exportAssistant(project, id, 'typescript');
    expect(ts.ok && ts.warnings).toEqual([
      expect.stringContaining('File Search uses a local index'),
      expect.stringContaining('Code Interpreter runs in a local sandbox'),
    ]);
  });
});
