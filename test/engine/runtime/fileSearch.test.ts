import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openFileIndex, type FileIndex } from '../../../electron/engine/fileSearch/fileIndex.ts';
import { createOpenAIEmbedder } from '../../../electron/engine/fileSearch/embedder.ts';
import type { FileSearchToolCall } from '../../../shared/runtime/steps.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { countingParser } from '../fileSearch/helpers.ts';
import { builtinProject, projectFolder, toolCallsOf } from './builtinFixtures.ts';
import { APIS, harness, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const DOCS = {
  'docs/guide.md': '# Installing the widget\n\nTo install the widget, run the installer, then restart the kettle so the widget is detected.\n',
  'docs/faq.md': '# Questions\n\nThe warranty lasts two years. Refunds are given within thirty days of purchase.\n',
};

const MARKER = /【\d+:\d+†[^】]*】/g;

/** The model cites every source marker it was given, one sentence each. */
const citeEverything = (request: { toolOutputs: { output: string }[] }) => {
  const markers = [...new Set(request.toolOutputs.flatMap((o) => o.output.match(MARKER) ?? []))];
  return { text: markers.map((m, i) => `Fact ${i + 1} ${m}.`).join(' ') || 'Nothing found.' };
};

describe.each(APIS)('file search over %s', (api) => {
  let h: Harness;
  let index: FileIndex;
  let parser: ReturnType<typeof countingParser>;
  let folder: ReturnType<typeof projectFolder>;
  beforeEach(() => {
    sim.reset();
    folder = projectFolder(DOCS);
    parser = countingParser();
    h = harness(sim, api, (store) => {
      index = openFileIndex(store.database, { parse: parser });
      return { fileIndex: index };
    });
  });
  afterEach(async () => {
    await h.dispose();
    folder.dispose();
  });

  const ask = async (fixture: ReturnType<typeof builtinProject>, threadId?: string) => {
    const thread = threadId ?? h.runtime.threads.create({ assistantNodeId: fixture.assistantId }).id;
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'how do I install the widget' } }] });
    sim.rule(citeEverything);
    const run = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread,
      message: 'How do I install it?',
      trusted: true,
      projectDir: folder.dir,
    });
    const done = await h.runtime.runs.wait(run.id);
    const calls = toolCallsOf(h.runtime.runs.steps(run.id)).filter((c): c is FileSearchToolCall => c.type === 'file_search');
    const message = h.runtime.messages
      .list(thread)
      .filter((m) => m.run_id === run.id && m.role === 'assistant')
      .at(-1)!;
    return { thread, done, calls, message };
  };

  it('searches the Knowledge, records the step, and turns the cited markers into annotations', async () => {
    const fixture = builtinProject('fileSearch', ['docs'], { maxResults: 5 });
    const { done, calls, message } = await ask(fixture);
    expect(done.status).toBe('completed');

    expect(calls).toHaveLength(1);
    const search = calls[0]!.file_search;
    expect(search.query).toBe('how do I install the widget');
    expect(search.ranking_options).toEqual({ ranker: 'auto', score_threshold: 0 });
    expect(search.problems).toEqual([]);
    const results = search.results ?? [];
    expect(results[0]).toMatchObject({ file_name: 'guide.md', content: [{ type: 'text', text: expect.stringContaining('run the installer') }] });
    for (const r of results) expect(r.score).toBeGreaterThanOrEqual(0);

    const output = sim.requests[1]!.toolOutputs[0]!.output;
    expect(output).toContain('【0:0†guide.md】');
    expect(output).toContain('cite it');

    const part = message.content[0]!;
    if (part.type !== 'text') throw new Error('expected text');
    const citations = part.text.annotations;
    expect(citations).toHaveLength(results.length);
    citations.forEach((annotation, i) => {
      if (annotation.type !== 'file_citation') throw new Error('expected a file citation');
      expect(part.text.value.slice(annotation.start_index, annotation.end_index)).toBe(annotation.text);
      expect(annotation.file_citation.file_id).toBe(results[i]!.file_id);
      expect(annotation.file_citation.chunk_id).toBe(results[i]!.chunk_id);
    });
    expect(part.text.value).toContain('【0:0†guide.md】');
    const first = citations[0]!;
    const passage = first.type === 'file_citation' ? h.runtime.fileSearch.chunk(first.file_citation.chunk_id!) : null;
    expect(passage).toMatchObject({ fileName: 'guide.md', path: 'docs/guide.md', text: expect.stringContaining('restart the kettle') });
  });

  it('leaves markers the run never produced as plain text', async () => {
    const fixture = builtinProject('fileSearch', ['docs']);
    sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'warranty' } }] }, { text: 'Two years 【7:3†made-up.md】.' });
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    const run = await h.runtime.runs.create({
      project: fixture.project,
      assistantNodeId: fixture.assistantId,
      threadId: thread.id,
      message: 'warranty?',
      trusted: true,
      projectDir: folder.dir,
    });
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    const last = h.runtime.messages.list(thread.id).at(-1)!.content[0]!;
    expect(last.type === 'text' ? last.text.annotations : null).toEqual([]);
  });

  it('re-indexes only what changed when the thread runs again', async () => {
    const fixture = builtinProject('fileSearch', ['docs']);
    const first = await ask(fixture);
    expect(parser.calls.sort()).toEqual(['faq.md', 'guide.md']);
    const second = await ask(fixture, first.thread);
    expect(second.done.status).toBe('completed');
    expect(parser.calls).toHaveLength(2);
    expect(second.calls[0]!.file_search.results?.[0]?.file_name).toBe('guide.md');
  });

  it('reports a Knowledge path that does not exist and still answers from the others', async () => {
    const fixture = builtinProject('fileSearch', ['docs', 'nowhere/notes.md']);
    const { done, calls } = await ask(fixture);
    expect(done.status).toBe('completed');
    const search = calls[0]!.file_search;
    expect(search.problems).toEqual([{ node_id: expect.any(String), path: 'nowhere/notes.md', message: 'Not found.' }]);
    expect(search.results?.[0]?.file_name).toBe('guide.md');
    expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('nowhere/notes.md: Not found.');
  });

  it.runIf(api === 'chat')('searches the local index for a hosted node over Chat Completions, and says so', async () => {
    const fixture = builtinProject('fileSearch', ['docs'], { index: 'openai', vectorStoreIds: ['vs_abc'] });
    const { done, calls } = await ask(fixture);
    expect(done.status).toBe('completed');
    expect(calls[0]!.error).toBeNull();
    expect(calls[0]!.file_search.results?.[0]?.file_name).toBe('guide.md');
    expect(calls[0]!.file_search.problems?.[0]?.message).toContain('Responses API');
    expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('the local index of the same Knowledge was searched instead');
  });
});

describe('file search with embeddings', () => {
  it('indexes vectors with the provider embedder and searches hybrid', async () => {
    sim.reset();
    const folder = projectFolder(DOCS);
    let index: FileIndex | null = null;
    const providers: string[] = [];
    const h = harness(sim, 'chat', (store) => {
      index = openFileIndex(store.database);
      return {
        fileIndex: index,
        embedderFor: (providerId) => {
          providers.push(providerId);
          return createOpenAIEmbedder({ baseURL: sim.baseURL, apiKey: 'sk-test', model: 'text-embedding-3-small', dimensions: 64 });
        },
      };
    });
    try {
      const fixture = builtinProject('fileSearch', ['docs']);
      sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'refund period' } }] });
      sim.rule(citeEverything);
      const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
      const run = await h.runtime.runs.create({
        project: fixture.project,
        assistantNodeId: fixture.assistantId,
        threadId: thread.id,
        message: 'refunds?',
        trusted: true,
        projectDir: folder.dir,
        providerId: 'sim',
      });
      expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
      expect(providers).toEqual(['sim']);
      expect(index!.store(`fs:${fixture.toolId}`)?.embedderId).toContain('text-embedding-3-small@64');
      const results = (toolCallsOf(h.runtime.runs.steps(run.id))[0] as FileSearchToolCall).file_search.results ?? [];
      expect(results[0]?.file_name).toBe('faq.md');
    } finally {
      await h.dispose();
      folder.dispose();
    }
  });
});
