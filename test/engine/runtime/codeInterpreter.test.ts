import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SessionManager } from '../../../electron/engine/codeInterpreter/manager.ts';
import type { CodeInterpreterToolCall } from '../../../shared/runtime/steps.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { isPng, SYSTEM_PYTHON } from '../codeInterpreter/helpers.ts';
import { builtinProject, projectFolder, toolCallsOf } from './builtinFixtures.ts';
import { APIS, harness, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const ANALYSIS = [
  'import csv',
  "rows = list(csv.DictReader(open('sales.csv')))",
  "print('rows', len(rows))",
  'import matplotlib.pyplot as plt',
  "plt.bar([r['month'] for r in rows], [int(r['total']) for r in rows])",
  "with open('out.csv', 'w') as f:",
  "    f.write('month,double\\n' + ''.join(f\"{r['month']},{2 * int(r['total'])}\\n\" for r in rows))",
].join('\n');

const SANDBOX_LINK = /sandbox:\S+out\.csv/;

describe.each(APIS)('code interpreter over %s', (api) => {
  let h: Harness;
  let root: string;
  let sessions: SessionManager;
  let folder: ReturnType<typeof projectFolder>;
  beforeEach(async () => {
    sim.reset();
    root = await mkdtemp(path.join(os.tmpdir(), 'studio-ci-run-'));
    sessions = new SessionManager({ rootDir: path.join(root, 'sessions'), pythonPath: SYSTEM_PYTHON, limits: { timeLimitMs: 20_000 } });
    folder = projectFolder({ 'data/sales.csv': 'month,total\njan,3\nfeb,5\nmar,4\n' });
    h = harness(sim, api, { codeInterpreter: sessions, filesDir: path.join(root, 'files') });
  });
  afterEach(async () => {
    await h.dispose();
    sessions.closeAll();
    folder.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const start = async (fixture: ReturnType<typeof builtinProject>, code: string, threadId?: string) => {
    const thread = threadId ?? h.runtime.threads.create({ assistantNodeId: fixture.assistantId }).id;
    sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code } }] });
    const run = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread,
      message: 'Analyse it',
      trusted: true,
      projectDir: folder.dir,
    });
    return { thread, run };
  };
  const callOf = (runId: string): CodeInterpreterToolCall => {
    const call = toolCallsOf(h.runtime.runs.steps(runId)).find((c): c is CodeInterpreterToolCall => c.type === 'code_interpreter');
    if (!call) throw new Error('no code_interpreter call');
    return call;
  };
  const logsOf = (call: CodeInterpreterToolCall): string => call.code_interpreter.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');

  it('runs the code on the Knowledge files and keeps logs, the figure and the output file', async () => {
    const fixture = builtinProject('codeInterpreter', ['data/sales.csv']);
    // The model links the file it was told about, as a real one would.
    sim.rule((request) => ({ text: `Done: [out.csv](${request.toolOutputs[0]?.output.match(SANDBOX_LINK)?.[0] ?? 'missing'}).` }));
    const { thread, run } = await start(fixture, ANALYSIS);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');

    const call = callOf(run.id);
    expect(call.error).toBeNull();
    expect(call.code_interpreter.input).toBe(ANALYSIS);
    expect(call.code_interpreter.sandbox).toBe('bubblewrap');
    expect(logsOf(call)).toContain('rows 3');
    const image = call.code_interpreter.outputs.find((o) => o.type === 'image');
    if (image?.type !== 'image') throw new Error('no image output');
    const png = await h.runtime.files.content(image.image.file_id);
    expect(png.mime).toBe('image/png');
    expect(isPng(png.bytes)).toBe(true);

    const files = call.code_interpreter.files ?? [];
    expect(files.map((f) => f.name)).toEqual(['out.csv']);
    const out = await h.runtime.files.content(files[0]!.file_id);
    expect(new TextDecoder().decode(out.bytes)).toBe('month,double\njan,6\nfeb,10\nmar,8\n');
    expect(h.runtime.files.get(files[0]!.file_id)).toMatchObject({ filename: 'out.csv', bytes: out.bytes.byteLength });

    const sent = sim.requests[1]!.toolOutputs[0]!.output;
    expect(sent).toContain('rows 3');
    expect(sent).toContain('1 image was shown');
    expect(sent).toMatch(SANDBOX_LINK);

    const part = h.runtime.messages.list(thread).at(-1)!.content[0]!;
    if (part.type !== 'text') throw new Error('expected text');
    const [link] = part.text.annotations;
    expect(link).toMatchObject({ type: 'file_path', file_path: { file_id: files[0]!.file_id } });
    expect(part.text.value.slice(link!.start_index, link!.end_index)).toBe(link!.text);
    expect(link!.text).toBe(`sandbox:${files[0]!.path}`);
    // The figure is part of the answer that followed the code, after its text, as Assistants wrote it.
    expect(h.runtime.messages.list(thread).at(-1)!.content.slice(1)).toEqual([{ type: 'image_file', image_file: { file_id: image.image.file_id } }]);
  });

  it('keeps the session state across runs of the thread and copies Knowledge only when it changed', async () => {
    const fixture = builtinProject('codeInterpreter', ['data/sales.csv']);
    sim.rule(() => ({ text: 'ok' }));
    const runCode = async (code: string, threadId?: string) => {
      const started = await start(fixture, code, threadId);
      expect((await h.runtime.runs.wait(started.run.id)).status).toBe('completed');
      return { thread: started.thread, logs: logsOf(callOf(started.run.id)) };
    };
    const lines = "len(open('sales.csv').read().splitlines())";
    const first = await runCode("answer = 41\nopen('sales.csv', 'a').write('apr,9\\n')");
    // The code's own change to the copy survives: the unchanged source is not copied again.
    expect((await runCode(`print(answer + 1, ${lines})`, first.thread)).logs).toBe('42 5\n');
    writeFileSync(path.join(folder.dir, 'data/sales.csv'), 'month,total\njan,1\n');
    expect((await runCode(`print(${lines})`, first.thread)).logs).toBe('2\n');
  });

  it('stops code that runs past the node time limit and tells the model', async () => {
    const fixture = builtinProject('codeInterpreter', [], { timeLimitSeconds: 1 });
    sim.rule(() => ({ text: 'It took too long.' }));
    const began = Date.now();
    const { run } = await start(fixture, 'import time\ntime.sleep(30)');
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(callOf(run.id).error?.code).toBe('timeout');
    expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('[timeout]');
  });

  it('kills a long execution when the run is cancelled', async () => {
    const fixture = builtinProject('codeInterpreter', []);
    const { run } = await start(fixture, 'import time\nprint("started", flush=True)\ntime.sleep(30)');
    await new Promise<void>((resolve) => {
      const off = h.runtime.onEvent((e) => {
        if (e.event === 'thread.run.step.created' && e.data.step_details.type === 'tool_calls') {
          off();
          resolve();
        }
      });
    });
    // Long enough for Python to start and enter the sleep.
    await new Promise((r) => setTimeout(r, 1500));
    const began = Date.now();
    h.runtime.runs.cancel(run.id);
    expect((await h.runtime.runs.wait(run.id)).status).toBe('cancelled');
    expect(Date.now() - began).toBeLessThan(5_000);
    expect(sim.requests).toHaveLength(1);
    // The thread's next execution starts a fresh Python process.
    sim.rule(() => ({ text: 'ok' }));
    const next = await start(fixture, 'print("again")', run.thread_id);
    expect((await h.runtime.runs.wait(next.run.id)).status).toBe('completed');
    expect(logsOf(callOf(next.run.id))).toContain('again');
  });
});

describe('code interpreter without sessions', () => {
  it('answers that the interpreter is not set up', async () => {
    sim.reset();
    const h = harness(sim, 'chat');
    try {
      const fixture = builtinProject('codeInterpreter', []);
      sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: 'print(1)' } }] }, { text: 'ok' });
      const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
      const run = await h.runtime.runs.create({
        project: fixture.project,
        assistantNodeId: fixture.assistantId,
        threadId: thread.id,
        message: 'go',
        trusted: true,
      });
      expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
      const call = toolCallsOf(h.runtime.runs.steps(run.id))[0] as CodeInterpreterToolCall;
      expect(call.error?.code).toBe('tool_unavailable');
      expect(call.code_interpreter.input).toBe('print(1)');
    } finally {
      await h.dispose();
    }
  });
});
