// The exported programs run as they are: installed offline, started as real processes, talking to
// the API simulator over real HTTP.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleProject } from '../../../shared/sample.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { tempDir } from '../helpers.ts';
import { assistantOf, expectSuccess, exported, functionOnlySample, keywordProject, runProcess, variantProject, writeFiles } from './helpers.ts';

const NODE = process.execPath;
const TSC = path.join(import.meta.dirname, '../../../node_modules/.bin/tsc');
const SEARCH = { name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

/**
 * Installs the export's dependencies without the network: from the local npm cache, the way a user
 * without network would; where the cache lacks a package's metadata (a machine that installed this
 * repository from its lockfile alone), from this repository's own installed dependencies instead.
 */
async function installOffline(dir: string): Promise<void> {
  const run = await runProcess('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 120_000 });
  if (run.code === 0) return;
  console.warn(`npm install --offline failed here (${run.stderr.trim().split('\n').at(-1)}); using the repository's node_modules`);
  await symlink(path.join(import.meta.dirname, '..', '..', '..', 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

const env = (): NodeJS.ProcessEnv => ({ ...process.env, OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: sim.baseURL });

/**
 * The function-only sample exported in the format and installed offline; it and the variant, sample and
 * keyword projects' exports (sharing its node_modules) must type-check. Returns the installed folder.
 */
async function installedAndTypeChecked(format: 'agents-typescript' | 'assistants-typescript'): Promise<string> {
  const dir = await tempDir();
  await writeFiles(dir, exported(functionOnlySample(), format).files);
  await installOffline(dir);
  expectSuccess(await runProcess(NODE, [TSC, '-p', 'tsconfig.json'], { cwd: dir }));
  for (const project of [variantProject(), sampleProject(), keywordProject()]) {
    const other = await tempDir();
    await writeFiles(other, exported(project, format).files);
    await symlink(path.join(dir, 'node_modules'), path.join(other, 'node_modules'), 'dir');
    expectSuccess(await runProcess(NODE, [TSC, '-p', 'tsconfig.json'], { cwd: other }));
  }
  return dir;
}

/**
 * Runs the variant project's export (a mocked and an "ask me" function, a JSON-schema answer, tricky
 * instructions) with the given node_modules, answering the prompt, and checks what every format must
 * do alike; returns the first model request's body for the format's own checks.
 */
async function runVariant(format: 'typescript' | 'assistants-typescript', nodeModules: string): Promise<Record<string, unknown>> {
  const dir = await tempDir();
  await writeFiles(dir, exported(variantProject(), format).files);
  await symlink(nodeModules, path.join(dir, 'node_modules'), 'dir');
  sim.script(
    {
      toolCalls: [
        { name: 'get-time', arguments: {} },
        { name: 'confirm', arguments: { question: 'ok?' } },
      ],
    },
    { text: '{"summary": "done"}' },
  );

  const run = await runProcess(NODE, ['main.ts', 'Go'], { cwd: dir, env: env(), stdin: 'yes, confirmed\n' });

  expectSuccess(run);
  expect(run.stdout).toBe('{"summary": "done"}\n');
  expect(run.stderr).toContain('confirm({"question":"ok?"}) returns:');
  const first = sim.requests[0]!.body;
  expect(first.instructions).toBe('Quote `code`, ${not a template} and "triple" """ quotes \\ as they are.');
  expect(sim.requests[1]!.toolOutputs.map((o) => o.output)).toEqual(['{"time": "noon"}', 'yes, confirmed']);
  return first;
}

describe('TypeScript export (Responses API)', () => {
  // Installed once; the other exports of this format have the same dependencies and link to it.
  let installed = '';
  beforeAll(async () => {
    installed = await mkdtemp(path.join(os.tmpdir(), 'studio-export-'));
    await writeFiles(installed, exported(functionOnlySample(), 'typescript').files);
    await installOffline(installed);
  }, 180_000);
  afterAll(() => rm(installed, { recursive: true, force: true }));

  it('runs with one command, calls its inlined handler and streams the scripted answer', async () => {
    sim.script({ toolCalls: [SEARCH] }, { text: ['Found ', 'two papers.'] });

    const run = await runProcess(NODE, ['main.ts', 'Which papers cover retrieval?'], { cwd: installed, env: env() });

    expectSuccess(run);
    expect(run.stdout).toBe('Found two papers.\n');
    expect(run.stderr).toContain('[search_database] 2 result(s) for "retrieval" in nlp');
    expect(sim.requests).toHaveLength(2);
    const [first, second] = sim.requests;
    expect(first!.body).toMatchObject({
      model: 'gpt-4.1-mini',
      temperature: 0.3,
      stream: true,
      input: [{ role: 'user', content: 'Which papers cover retrieval?' }],
    });
    expect(first!.body.tools).toEqual([expect.objectContaining({ type: 'function', name: 'search_database', strict: true })]);
    const output = JSON.parse(second!.toolOutputs[0]!.output) as { results: { id: string }[] };
    expect(output.results.map((r) => r.id)).toEqual(['P-101', 'P-102']);
  }, 60_000);

  it('answers mocked and "ask me" functions, and sends the response format and metadata', async () => {
    // Same dependencies as the export above: reuse its offline install.
    const first = await runVariant('typescript', path.join(installed, 'node_modules'));
    expect(first.text).toEqual({ format: { type: 'json_schema', name: 'answer', strict: true, schema: assistantOf(variantProject()).data.responseSchema } });
    expect(first.metadata).toEqual({ team: 'research' });
  }, 60_000);

  it('type-checks, with the hosted tools too', async () => {
    for (const project of [variantProject(), sampleProject(), keywordProject()]) {
      const dir = await tempDir();
      await writeFiles(dir, exported(project, 'typescript').files);
      await symlink(path.join(installed, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      expectSuccess(await runProcess(NODE, [TSC, '-p', 'tsconfig.json'], { cwd: dir }));
    }
  }, 60_000);
});

describe('TypeScript export (OpenAI Agents SDK)', () => {
  it('installs offline, type-checks, calls its inlined handler and streams the scripted answer', async () => {
    const dir = await installedAndTypeChecked('agents-typescript');
    sim.script({ toolCalls: [SEARCH] }, { text: ['Found ', 'two papers.'] });

    const run = await runProcess(NODE, ['main.ts', 'Which papers cover retrieval?'], { cwd: dir, env: env() });

    expectSuccess(run);
    expect(run.stdout).toBe('Found two papers.\n');
    expect(sim.requests).toHaveLength(2);
    expect(sim.requests[0]!.body).toMatchObject({ model: 'gpt-4.1-mini', instructions: expect.stringContaining('careful research assistant') });
    const output = JSON.parse(sim.requests[1]!.toolOutputs[0]!.output) as { results: { id: string }[] };
    expect(output.results.map((r) => r.id)).toEqual(['P-101', 'P-102']);
  }, 180_000);
});

describe('TypeScript export (Assistants API v2)', () => {
  it("installs offline, type-checks, answers the run's tool calls with its inlined handler and cleans up", async () => {
    const dir = await installedAndTypeChecked('assistants-typescript');
    sim.script({ toolCalls: [SEARCH] }, { text: ['Found ', 'two papers.'] });

    const run = await runProcess(NODE, ['main.ts', 'Which papers cover retrieval?'], { cwd: dir, env: env() });

    expectSuccess(run);
    expect(run.stdout).toBe('Found two papers.\n');
    expect(run.stderr).toContain('[search_database] 2 result(s) for "retrieval" in nlp');
    const [first, second] = sim.requests;
    expect(sim.requests.map((r) => r.endpoint)).toEqual(['assistants', 'assistants']);
    expect(first!.body).toMatchObject({
      model: 'gpt-4.1-mini',
      temperature: 0.3,
      instructions: expect.stringContaining('careful research assistant'),
      messages: [{ role: 'user', content: 'Which papers cover retrieval?' }],
    });
    expect(first!.body.tools).toEqual([
      expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'search_database', strict: true }) }),
    ]);
    const output = JSON.parse(second!.toolOutputs[0]!.output) as { results: { id: string }[] };
    expect(output.results.map((r) => r.id)).toEqual(['P-101', 'P-102']);
    // What the program made on the server for this question is gone again.
    const client = new OpenAI({ apiKey: 'test-key', baseURL: sim.baseURL });
    expect((await client.beta.assistants.list()).data).toEqual([]);
    await expect(client.beta.threads.retrieve(String(first!.body.thread_id))).rejects.toMatchObject({ status: 404 });
  }, 180_000);

  it('sends the assistant\'s settings where Assistants v2 keeps them and answers "ask me" and mocked functions', async () => {
    const first = await runVariant('assistants-typescript', path.join(import.meta.dirname, '..', '..', '..', 'node_modules'));
    expect(first.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', strict: true, schema: assistantOf(variantProject()).data.responseSchema },
    });
  }, 60_000);
});
