// The Assistants tutorials' Python code, run unchanged with the official Python SDK against the server
// (OPENAI_BASE_URL and OPENAI_API_KEY set, as a user runs them), with the simulator as the model and the
// real local Python sandbox as the code interpreter.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelRequest } from '../simulator/server.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { minimalPdf } from '../engine/fileSearch/fixtures.ts';
import { startServe, type Serve } from './harness.ts';
import { bundledSdk, pipSdk, type PythonSdk } from './pythonSdk.ts';

const SCRIPTS = path.join(import.meta.dirname, 'python');
const CSV = 'month,sales\nJan,12\nFeb,19\nMar,7\nApr,23\n';
const CHART_CODE = [
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  "df = pd.read_csv('sales.csv')",
  "print('total', df['sales'].sum())",
  "df.plot(x='month', y='sales', kind='bar', legend=False)",
  'plt.show()',
].join('\n');

/** Runs a tutorial script against the server; resolves with its last stdout line parsed as JSON. */
function runScript(sdk: Extract<PythonSdk, { ok: true }>, serve: Serve, script: string, args: string[] = []): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const [command, ...prefix] = sdk.command;
    const child = spawn(command!, [...prefix, path.join(SCRIPTS, script), ...args], {
      cwd: SCRIPTS,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), OPENAI_BASE_URL: serve.server.url, OPENAI_API_KEY: 'sk-serve-test-key', PYTHONPATH: SCRIPTS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${script} exited ${code}:\n${err.slice(-2000)}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>);
    });
  });
}

/** The text of the last user or tool message the model was sent. */
const lastInput = (request: ModelRequest): { role: string; content: string } => {
  const messages = request.body.messages as { role: string; content: unknown }[];
  const last = messages.at(-1)!;
  return { role: last.role, content: typeof last.content === 'string' ? last.content : JSON.stringify(last.content) };
};

const SDKS: PythonSdk[] = [pipSdk(), bundledSdk()];

for (const sdk of SDKS) {
  if (!sdk.ok) console.warn(`skipped: the Python tutorials on ${sdk.label}: ${sdk.reason}`);
  describe.skipIf(!sdk.ok)(`the Assistants tutorials in Python (${sdk.label})`, () => {
    const python = sdk as Extract<PythonSdk, { ok: true }>;
    let sim: Simulator;
    let serve: Serve;
    let dir: string;
    beforeAll(async () => {
      sim = await startSimulator();
      dir = mkdtempSync(path.join(os.tmpdir(), 'studio-tutorials-'));
      serve = await startServe(sim, { vectorStores: true, runtime: (folder) => ({ codeInterpreterDir: path.join(folder, 'code-interpreter') }) });
    });
    afterAll(async () => {
      await serve.dispose();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => sim.reset());

    it('searches a PDF uploaded into a vector store and answers with a citation of it', async () => {
      const pdf = path.join(dir, 'statements.pdf');
      writeFileSync(pdf, minimalPdf(['Audited financial statements 2023.', 'Revenue in 2023 was 4.2 million dollars.']));
      sim.script(
        { toolCalls: [{ name: 'file_search', arguments: { query: 'revenue 2023' } }] },
        { text: ['Revenue was 4.2 million dollars in 2023', '【0:0†statements.pdf】.'] },
      );
      const result = await runScript(python, serve, 'file_search.py', [pdf]);
      expect(result.answer).toBe('Revenue was 4.2 million dollars in 2023【0:0†statements.pdf】.');
      expect(result.citations).toEqual([{ text: '【0:0†statements.pdf】', filename: 'statements.pdf' }]);
      expect(result.results).toEqual([expect.stringContaining('Revenue in 2023 was 4.2 million dollars.')]);
    });

    it('a function tool through requires_action, its output submitted on a stream', async () => {
      sim.rule((request) =>
        lastInput(request).role === 'tool'
          ? { text: ['It is ', '57 degrees ', 'in San Francisco.'] }
          : { toolCalls: [{ name: 'get_current_temperature', arguments: { location: 'San Francisco, CA', unit: 'Fahrenheit' } }] },
      );
      const result = await runScript(python, serve, 'function_tool.py');
      expect(result).toEqual({
        calls: [{ name: 'get_current_temperature', arguments: { location: 'San Francisco, CA', unit: 'Fahrenheit' } }],
        answer: 'It is 57 degrees in San Francisco.',
        status: 'completed',
      });
      // The output the program submitted is what the model got back.
      expect(sim.requests.at(-1)?.body).toMatchObject({ messages: expect.arrayContaining([expect.objectContaining({ role: 'tool', content: '57' })]) });
    });

    it('streams text_deltas, then polls a second run with runs.retrieve', async () => {
      sim.script({ text: ['x ', '= ', '1'], chunkDelayMs: 5 }, { text: 'x = 4', delayMs: 300 });
      const result = await runScript(python, serve, 'streaming.py');
      expect(result).toEqual({ deltas: ['x ', '= ', '1'], streamed: 'completed', polled: 'completed', newest: 'x = 4', count: 4 });
    });

    it('charts an attached CSV in the code interpreter and downloads the PNG', async () => {
      const csv = path.join(dir, 'sales.csv');
      const png = path.join(dir, 'chart.png');
      writeFileSync(csv, CSV);
      sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: CHART_CODE } }] }, { text: 'Here is the chart: April sold the most.' });
      const result = await runScript(python, serve, 'code_interpreter.py', [csv, png]);
      expect(result.logs).toEqual([expect.stringContaining('total 61')]);
      expect(result.images).toHaveLength(1);
      // A real PNG drawn by matplotlib in the sandbox, downloaded through files.content.
      expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    });
  });
}
