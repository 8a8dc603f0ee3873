import { execFile } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import type { Project } from '../../shared/graph/project.ts';
import type { NodeId } from '../../shared/ids.ts';
import { sampleProject } from '../../shared/sample.ts';
import { firstOfKind, withData, withElements, withNodeData } from '../projectEdits.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { tempDir } from '../engine/helpers.ts';

const root = path.resolve(import.meta.dirname, '../..');
const KEY = 'sk-cli-test-secret-4711';
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
beforeEach(() => sim.reset());
afterAll(() => sim.close());

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a real process; resolves with its exit code whatever it is. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--disable-warning=ExperimentalWarning', 'scripts/studio-cli.ts', ...args],
      { cwd: root, env: { ...process.env, OPENAI_BASE_URL: '', OPENAI_API_KEY: KEY, ...env } },
      (_error, stdout, stderr) => resolve({ code: child.exitCode ?? -1, stdout, stderr }),
    );
  });
}

/** Writes a project file into a fresh folder and returns its path. */
async function projectFile(project: Project = sampleProject()): Promise<string> {
  const file = path.join(await tempDir(), 'research.assistant.json');
  await writeFile(file, serializeProject(project));
  return file;
}

const searchCall = { name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } };
const runArgs = (file: string, ...options: string[]): string[] => ['run', file, 'Find papers on retrieval', '--base-url', sim.baseURL, ...options];
const run = (file: string, ...options: string[]) => cli(runArgs(file, ...options));

// Each case starts a Node process, which takes a second or more on a busy machine.
describe('studio-cli', { timeout: 60_000 }, () => {
  it('validates the sample project, a project with a bad function name and a foreign file', async () => {
    const sample = await cli(['validate', await projectFile()]);
    expect(sample).toMatchObject({ code: 0, stdout: '0 errors, 0 warnings\n' });

    const original = sampleProject();
    const broken = withNodeData(original, firstOfKind(original, 'function'), { name: 'search papers!' });
    const bad = await cli(['validate', await projectFile(broken)]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('error P200 search papers!.name: Function names use only letters, digits, _ and -');
    expect(bad.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 0 warnings');

    const foreign = path.join(await tempDir(), 'package.json');
    await writeFile(foreign, JSON.stringify({ name: 'not-a-project' }));
    const refused = await cli(['validate', foreign]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The file is JSON but not an Assistant Studio project');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  it('exports to stdout and into a folder, and refuses a folder that is not empty', async () => {
    const file = await projectFile();
    const printed = await cli(['export', file, '--format', 'typescript']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('search_database');
    expect(printed.stderr).toContain('warning: File Search uses a local index in the app');

    const folder = path.join(await tempDir(), 'out');
    const written = await cli(['export', file, '--format', 'python', '--assistant', 'Research assistant', '--out', folder]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`to ${folder}: main.py`);
    await access(path.join(folder, 'main.py'));
    expect(await readFile(path.join(folder, 'main.py'), 'utf8')).toContain('search_database');

    const again = await cli(['export', file, '--format', 'python', '--out', folder]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
    expect((await cli(['export', file, '--format', 'python', '--out', folder, '--force'])).code).toBe(0);

    const unknown = await cli(['export', file, '--format', 'cobol']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no export format "cobol". The formats are:\n  typescript ');
  });

  it('asks which assistant when the project has several', async () => {
    const sample = sampleProject();
    const second = withData({ ...firstOfKind(sample, 'assistant'), id: 'n_second' as NodeId }, { name: 'Second' });
    const project = withElements(sample, [second]);
    const answer = await cli(['export', await projectFile(project), '--format', 'json']);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('choose one with --assistant');
    expect(answer.stderr).toContain('  Second (n_second)');
  });

  it('runs the assistant with --trust: the handler runs, the answer streams to stdout, the tool call goes to stderr', async () => {
    const file = await projectFile();
    sim.script({ toolCalls: [searchCall] }, { text: ['Two papers: ', 'P-101 and P-102.'] });
    const result = await run(file, '--trust');
    expect(result.stderr).not.toContain(KEY);
    expect(result).toMatchObject({ code: 0, stdout: 'Two papers: P-101 and P-102.' });
    expect(result.stderr).toContain('tool search_database {"query":"retrieval","category":"nlp"} → {"results":[{"id":"P-101"');
    expect(result.stderr).toMatch(/run completed: gpt-4\.1-mini, \d+ tokens \(\d+ in, \d+ out\), about \$\d\.\d+/);
    expect(sim.requests.map((r) => r.endpoint)).toEqual(['responses', 'responses']);
    expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('Dense passage retrieval');
  });

  it('refuses the handler without --trust and says so', async () => {
    sim.script({ toolCalls: [searchCall] }, { text: 'I could not search.' });
    const result = await run(await projectFile());
    expect(result).toMatchObject({ code: 0, stdout: 'I could not search.' });
    expect(result.stderr).toContain('search_database: the handler did not run because the project is not trusted; pass --trust');
    expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('untrusted');
  });

  it('talks Chat Completions with --provider compatible and an empty key, with a model override', async () => {
    sim.script({ text: 'Hello from chat.' });
    const result = await cli(runArgs(await projectFile(), '--provider', 'compatible', '--model', 'local-model', '--json'), { OPENAI_API_KEY: '' });
    expect(result.code).toBe(0);
    expect(sim.requests[0]!.endpoint).toBe('chat');
    expect(sim.requests[0]!.body.model).toBe('local-model');
    const parsed = JSON.parse(result.stdout) as { run: { status: string; model: string }; steps: unknown[]; messages: { role: string }[] };
    expect(parsed.run).toMatchObject({ status: 'completed', model: 'local-model' });
    expect(parsed.steps).toHaveLength(1);
    expect(parsed.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('fails with the provider error and exit 1 when the provider keeps failing, without printing the key', async () => {
    // A provider that echoes the key in its error (some proxies do) must not get it printed.
    const fault = { status: 500, message: `Upstream refused key ${KEY}` };
    sim.script({ fault }, { fault }, { fault });
    const result = await run(await projectFile());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('run failed');
    expect(result.stderr).toMatch(/server_error: .*500 Upstream refused key/);
    expect(sim.requests).toHaveLength(3);
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY);
  });

  it('gives up a stream that goes quiet after --idle-timeout, with exit 1 and the reason', async () => {
    const stall = { text: 'Half of an answer that never ends', fault: { stallAfterEvents: 4 } };
    sim.script(stall, stall, stall);
    const result = await run(await projectFile(), '--idle-timeout', '0.3');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stream_interrupted: The model provider sent nothing for 0\.3 s/);
    const bad = await run(await projectFile(), '--idle-timeout', 'soon');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--idle-timeout must be a number of seconds');
  });

  it('says so when a broken stream makes the answer start over, and ends with the whole answer', async () => {
    const answer = 'One two three four five six seven eight.';
    sim.script({ text: answer.split(' ').map((w) => `${w} `), fault: { dropAfterEvents: 6 } }, { text: answer });
    const result = await run(await projectFile());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("The provider's stream broke; the answer starts over.");
    expect(result.stdout.endsWith(`\n${answer}`)).toBe(true);
  });

  it('masks the key in text from elsewhere, such as a model that repeats it', async () => {
    sim.script({ text: `Your key is ${KEY}.` });
    const result = await run(await projectFile());
    expect(result).toMatchObject({ code: 0, stdout: 'Your key is ***.' });
  });

  it('cancels a run that waits for an "ask me" function instead of hanging', async () => {
    const sample = sampleProject();
    const project = withNodeData(sample, firstOfKind(sample, 'function'), { mode: 'ask' });
    sim.script({ toolCalls: [searchCall] });
    const result = await run(await projectFile(project), '--trust');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The run waits for the output of search_database {"query":"retrieval","category":"nlp"}');
    expect(result.stderr).toContain('run cancelled');
  });

  it('keeps the thread in --db', async () => {
    const db = path.join(await tempDir(), 'runs', 'runs.sqlite');
    await mkdir(path.dirname(db));
    sim.script({ text: 'Saved.' });
    const result = await run(await projectFile(), '--db', db);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`thread thread_\\w+ saved in ${db.replaceAll('.', '\\.')}`));
    await access(db);
  });

  it('explains wrong usage with exit code 2', async () => {
    const result = await cli(['run', 'x.assistant.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown command or wrong arguments: run x.assistant.json');
  });
});
