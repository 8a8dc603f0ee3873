import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openFileIndex, SessionManager } from '../../electron/engine/index.ts';
import { sampleProject } from '../../shared/sample.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall, FunctionToolCall } from '../../shared/runtime/steps.ts';
import { isPng, SYSTEM_PYTHON } from '../engine/codeInterpreter/helpers.ts';
import { builtinProject, projectFolder, toolCallsOf } from '../engine/runtime/builtinFixtures.ts';
import { harness, projectWith, type Harness } from '../engine/runtime/harness.ts';
import { demoRule } from './demo.ts';
import { startSimulator, type Simulator } from './server.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ rule: demoRule });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const sampleFunction = () => {
  const fn = sampleProject().nodes.find((n) => n.kind === 'function')!;
  if (fn.kind !== 'function') throw new Error('no function');
  return fn.data;
};

describe('the demo model over the SDK', () => {
  const client = () => new OpenAI({ apiKey: 'sk-demo', baseURL: sim.baseURL });
  const { name, description, parameters } = sampleFunction();

  it('calls a function the message asks for, with arguments that fit its schema', async () => {
    const response = await client().responses.create({
      model: 'gpt-4.1-mini',
      input: 'Find papers on retrieval in nlp',
      tools: [{ type: 'function', name, description, parameters: parameters as Record<string, unknown>, strict: true }],
    });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'search_database' });
    const args = JSON.parse(call?.type === 'function_call' ? call.arguments : '{}');
    expect(args).toEqual({ query: expect.stringContaining('retrieval'), category: 'nlp' });

    // Given the output, it answers from it.
    const chat = await client().chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'user', content: 'Find papers on retrieval in nlp' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"results":[{"id":"P-101","title":"Retrieval-augmented generation"}]}' },
      ],
      tools: [{ type: 'function', function: { name, description, parameters: parameters as Record<string, unknown> } }],
    });
    expect(chat.choices[0]!.message.content).toBe('`search_database` returned 1 result: Retrieval-augmented generation.');
  });

  it('answers in text, saying what it can do, when nothing fits', async () => {
    const response = await client().responses.create({ model: 'gpt-4.1-mini', input: 'Hello there' });
    expect(response.output_text).toMatch(/^This is Assistant Studio's demo model, running offline\. You said: "Hello there"\./);
    const { name: n, description: d, parameters: p } = sampleFunction();
    const chat = await client().chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Good morning' }],
      tools: [{ type: 'function', function: { name: n, description: d, parameters: p as Record<string, unknown> } }],
    });
    expect(chat.choices[0]!.message.content).toContain('call its functions');
  });
});

describe('the demo model running the tutorials in the runtime', () => {
  let h: Harness;
  let folder: ReturnType<typeof projectFolder>;
  let root: string;
  let sessions: SessionManager;
  beforeEach(async () => {
    folder = projectFolder({
      'docs/widget.md': '# Installing the widget\n\nTo install the widget, run the installer and restart the kettle. The widget then shows a green light.\n',
      'data/sales.csv': 'month,total\njan,3\nfeb,5\nmar,4\n',
    });
    root = await mkdtemp(path.join(os.tmpdir(), 'studio-demo-'));
    sessions = new SessionManager({ rootDir: path.join(root, 'sessions'), pythonPath: SYSTEM_PYTHON, limits: { timeLimitMs: 30_000 } });
    h = harness(sim, 'chat', (store) => ({ fileIndex: openFileIndex(store.database), codeInterpreter: sessions, filesDir: path.join(root, 'files') }));
  });
  afterEach(async () => {
    await h.dispose();
    sessions.closeAll();
    folder.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const ask = async (project: ReturnType<typeof builtinProject>['project'], assistantId: string, message: string) => {
    const thread = h.runtime.threads.create({ assistantNodeId: assistantId }).id;
    const run = await h.runtime.runs.create({ project, assistantNodeId: assistantId, threadId: thread, message, trusted: true, projectDir: folder.dir });
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    const answer = h.runtime.messages.list(thread).at(-1)!;
    return { calls: toolCallsOf(h.runtime.runs.steps(run.id)), answer };
  };

  it('searches the knowledge and cites what it found', async () => {
    const fixture = builtinProject('fileSearch', ['docs']);
    const { calls, answer } = await ask(fixture.project, fixture.assistantId, 'What do the docs say about installing the widget?');
    expect((calls[0] as FileSearchToolCall).file_search.results?.[0]?.file_name).toBe('widget.md');
    const part = answer.content[0]!;
    if (part.type !== 'text') throw new Error('expected text');
    expect(part.text.value).toMatch(/^From the knowledge files: To install the widget, run the installer and restart the kettle\./);
    expect(part.text.annotations).toEqual([expect.objectContaining({ type: 'file_citation' })]);
  });

  it('charts an attached CSV with Python', async () => {
    const fixture = builtinProject('codeInterpreter', ['data/sales.csv']);
    const { calls, answer } = await ask(fixture.project, fixture.assistantId, 'Chart the sales data, please');
    const call = calls[0] as CodeInterpreterToolCall;
    expect(call.error).toBeNull();
    const logs = call.code_interpreter.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');
    expect(logs).toContain('sales.csv: 3 rows; columns: month, total');
    const image = call.code_interpreter.outputs.find((o) => o.type === 'image');
    if (image?.type !== 'image') throw new Error('no chart');
    expect(isPng((await h.runtime.files.content(image.image.file_id)).bytes)).toBe(true);
    expect(answer.content[0]).toMatchObject({ type: 'text', text: { value: expect.stringContaining('I ran Python on the data. It printed:') } });
  });

  it('calls a function with a handler and answers from its output', async () => {
    const { project, assistantId } = projectWith([sampleFunction()]);
    const { calls, answer } = await ask(project, assistantId, 'Search the database for retrieval papers in nlp');
    const call = calls[0] as FunctionToolCall;
    expect(JSON.parse(call.function.arguments)).toEqual({ query: 'retrieval', category: 'nlp' });
    expect(answer.content[0]).toMatchObject({
      type: 'text',
      text: { value: '`search_database` returned 2 results: Retrieval-augmented generation for open-domain QA; Dense passage retrieval.' },
    });
  });
});
