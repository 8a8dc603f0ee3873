import type { Project } from '../../../shared/graph/project.ts';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/runtime/objects.ts';
import type { CodeInterpreterToolCall, FileSearchToolCall } from '../../../shared/runtime/steps.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { builtinProject, projectFolder, toolCallsOf } from '../runtime/builtinFixtures.ts';
import { harness, type Harness } from '../runtime/harness.ts';
import { all } from './helpers.ts';

let sim: Simulator;
let client: OpenAI;
beforeAll(async () => {
  sim = await startSimulator();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseURL, maxRetries: 0 });
});
afterAll(() => sim.close());

const DOCS = {
  'docs/guide.md': 'To install the widget, run the installer, then restart the kettle.\n',
  'docs/faq.md': 'Refunds are given within thirty days of purchase. The warranty lasts two years.\n',
  'data/sales.csv': 'month,sales\njan,10\nfeb,12\n',
};
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('OpenAI-hosted tools in runs (Responses)', () => {
  let h: Harness;
  let folder: ReturnType<typeof projectFolder>;
  beforeEach(() => {
    sim.reset();
    folder = projectFolder(DOCS);
    h = harness(sim, 'responses', (_store, dir) => ({ filesDir: `${dir}/files` }));
  });
  afterEach(async () => {
    await h.dispose();
    folder.dispose();
  });

  const run = async (fixture: { project: Project; assistantId: string }, threadId: string, message = 'go') => {
    const created = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId,
      message,
      trusted: true,
      projectDir: folder.dir,
    });
    const done = await h.runtime.runs.wait(created.id);
    const steps = h.runtime.runs.steps(created.id);
    const answer = h.runtime.messages
      .list(threadId)
      .filter((m) => m.run_id === created.id && m.role === 'assistant')
      .at(-1) as Message;
    return { done, steps, answer };
  };

  it('searches the synced vector store, records a file_search step and turns file citations into annotations', async () => {
    const fixture = builtinProject('fileSearch', ['docs'], { index: 'openai', maxResults: 4, scoreThreshold: 0.1 });
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({
      fileSearch: { queries: ['refunds thirty days'] },
      text: ['Refunds take thirty days.', ' Ask support.'],
      citations: [{ result: 0, index: 25 }],
    });
    const { done, steps, answer } = await run(fixture, thread.id, 'How long do refunds take?');
    expect(done.last_error).toBeNull();
    expect(done.status).toBe('completed');

    const body = sim.requests[0]!.body as { tools: Record<string, unknown>[]; include: string[] };
    expect(body.tools).toEqual([
      { type: 'file_search', vector_store_ids: [expect.stringMatching(/^vs_/)], max_num_results: 4, ranking_options: { ranker: 'auto', score_threshold: 0.1 } },
    ]);
    expect(body.include).toEqual(['file_search_call.results']);

    expect(steps.map((s) => s.type)).toEqual(['tool_calls', 'message_creation']);
    const call = toolCallsOf(steps)[0] as FileSearchToolCall;
    expect(call).toMatchObject({
      type: 'file_search',
      node_id: fixture.toolId,
      error: null,
      file_search: { queries: ['refunds thirty days'], ranking_options: { ranker: 'auto', score_threshold: 0.1 } },
    });
    const best = call.file_search.results![0]!;
    expect(best).toMatchObject({ file_name: 'faq.md', file_id: expect.stringMatching(/^file-/) });
    expect(best.score).toBeGreaterThan(0.1);
    expect(best.content?.[0]?.text).toContain('Refunds are given within thirty days');

    const content = answer.content[0]!;
    const text = content.type === 'text' ? content.text : null;
    expect(text?.value).toBe('Refunds take thirty days. Ask support.');
    expect(text?.annotations).toEqual([
      {
        type: 'file_citation',
        text: 'Refunds take thirty days.',
        start_index: 0,
        end_index: 25,
        file_citation: { file_id: best.file_id, chunk_id: best.chunk_id },
      },
    ]);
    const passage = h.runtime.fileSearch.chunk(best.chunk_id!);
    expect(passage).toMatchObject({ fileId: best.file_id, fileName: 'faq.md', path: 'docs/faq.md' });
    expect(passage?.text).toContain('thirty days');
  });

  it('runs code in a container: code, logs, a downloaded image and file, a file_path annotation, and the container reused', async () => {
    const fixture = builtinProject('codeInterpreter', ['data/sales.csv'], { sandbox: 'openai' });
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({
      codeInterpreter: {
        code: 'import pandas as pd\nprint(pd.read_csv("/mnt/data/sales.csv").sales.sum())\n',
        logs: '22\n',
        images: [{ name: 'chart.png', content: PNG }],
        files: [{ name: 'out.csv', content: 'total\n22\n' }],
      },
      text: 'Total 22. Saved [out.csv](sandbox:/mnt/data/out.csv).',
    });
    const first = await run(fixture, thread.id, 'Sum the sales');
    expect(first.done.status).toBe('completed');

    const body = sim.requests[0]!.body as { tools: { type: string; container: { type: string; file_ids: string[] } }[]; include: string[] };
    expect(body.tools[0]!.container.type).toBe('auto');
    expect(body.tools[0]!.container.file_ids).toHaveLength(1);
    expect(body.include).toEqual(['code_interpreter_call.outputs']);

    const call = toolCallsOf(first.steps)[0] as CodeInterpreterToolCall;
    expect(call.code_interpreter.input).toContain('read_csv');
    expect(call.code_interpreter.outputs[0]).toEqual({ type: 'logs', logs: '22\n' });
    const image = call.code_interpreter.outputs[1];
    expect(image?.type).toBe('image');
    const imageBytes = await h.runtime.files.content(image?.type === 'image' ? image.image.file_id : '');
    expect([...imageBytes.bytes]).toEqual([...PNG]);
    expect(call.code_interpreter.files).toEqual([{ file_id: expect.stringMatching(/^file-/), name: 'out.csv', path: '/mnt/data/out.csv' }]);
    const saved = call.code_interpreter.files![0]!;
    expect(new TextDecoder().decode((await h.runtime.files.content(saved.file_id)).bytes)).toBe('total\n22\n');

    const content = first.answer.content[0]!;
    const text = content.type === 'text' ? content.text : null;
    const link = 'sandbox:/mnt/data/out.csv';
    const start = text!.value.indexOf(link);
    expect(text?.annotations).toEqual([
      { type: 'file_path', text: link, start_index: start, end_index: start + link.length, file_path: { file_id: saved.file_id } },
    ]);
    // The picture is part of the answer, after its text, as Assistants wrote it.
    expect(first.answer.content.slice(1)).toEqual([{ type: 'image_file', image_file: { file_id: image?.type === 'image' ? image.image.file_id : '' } }]);

    // The Knowledge file went into the container the API made for the thread.
    const containers = await all(client.containers.list());
    expect(containers).toHaveLength(1);
    const containerId = containers[0]!.id;
    const inside = await all(client.containers.files.list(containerId));
    expect(inside.map((f) => f.path)).toContain('/mnt/data/sales.csv');

    // The thread's next run goes on in the same container.
    sim.script({ codeInterpreter: { code: 'print(1)', logs: '1\n' }, text: 'Done.' });
    expect((await run(fixture, thread.id, 'Again')).done.status).toBe('completed');
    expect((sim.requests[1]!.body as { tools: { container: unknown }[] }).tools[0]!.container).toBe(containerId);

    // A container that is gone is replaced by a new one with the files.
    await client.containers.delete(containerId);
    sim.script({ codeInterpreter: { code: 'print(2)', logs: '2\n' }, text: 'Done again.' });
    expect((await run(fixture, thread.id, 'Once more')).done.status).toBe('completed');
    expect((sim.requests[2]!.body as { tools: { container: unknown }[] }).tools[0]!.container).toEqual({
      type: 'auto',
      file_ids: body.tools[0]!.container.file_ids,
    });
  });

  it('does not ask again for a turn whose stream broke after the provider ran its code: that would run it twice', async () => {
    const fixture = builtinProject('codeInterpreter', ['data/sales.csv'], { sandbox: 'openai' });
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({ codeInterpreter: { code: 'print(1)', logs: '1\n' }, text: 'Done.', fault: { dropAfterEvents: 5 } }, { text: 'Asked again.' });
    const { done } = await run(fixture, thread.id, 'Print one');
    expect(done).toMatchObject({ status: 'failed', last_error: { code: 'stream_interrupted' } });
    expect(sim.requests).toHaveLength(1);
  });

  it('fails the run with a clear error when the vector store cannot be synced', async () => {
    // Port 9 (discard) refuses connections: the hosted resources are unreachable while the model is not.
    const offline = harness(sim, 'responses', { hostedClient: () => new OpenAI({ apiKey: 'sk-test', baseURL: 'http://127.0.0.1:9/v1', maxRetries: 0 }) });
    try {
      const fixture = builtinProject('fileSearch', ['docs'], { index: 'openai' });
      const thread = offline.runtime.threads.create({ assistantNodeId: fixture.assistantId });
      const created = await offline.runtime.runs.create({
        project: fixture.project,
        assistantNodeId: fixture.assistantId,
        threadId: thread.id,
        message: 'go',
        trusted: true,
        projectDir: folder.dir,
      });
      const done = await offline.runtime.runs.wait(created.id);
      expect(done.status).toBe('failed');
      expect(done.last_error).toMatchObject({
        code: 'provider_unavailable',
        message: expect.stringContaining('Could not sync the OpenAI vector store for File Search'),
      });
      expect(sim.requests).toHaveLength(0);
    } finally {
      await offline.dispose();
    }
  });
});
