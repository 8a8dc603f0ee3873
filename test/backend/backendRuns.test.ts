import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../shared/graph/project.ts';
import { serializeProject } from '../../shared/graph/projectFile.ts';
import { appEventSchema } from '../../shared/ipc/events.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';
import { backendHarness, KEY, simulatedSample, setupSimulatedBackend, withFunction } from './backendHarness.ts';

const env = setupSimulatedBackend();

const SEARCH = { name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } };
const functionCalls = (steps: RunStep[]) => steps.flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []));

describe.each(['openai', 'openai-compatible'] as const)('runs through the backend with an %s provider', (kind) => {
  it('streams a tool call and the answer as run events, then lists what was stored', async () => {
    await env.h.useSimulator(kind);
    const { project, assistantId } = simulatedSample();
    env.sim.script({ toolCalls: [SEARCH] }, { text: ['Two papers ', 'match.'] });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId, title: 'Papers' });
    const { run } = await env.h.call('app:runs/create', {
      project,
      projectPath: null,
      assistantNodeId: assistantId,
      threadId: thread.id,
      message: 'Find papers on retrieval',
    });
    expect(run).toMatchObject({ status: 'queued', thread_id: thread.id, provider_id: 'sim', model: 'gpt-4.1-mini' });
    await env.h.until(run.id, 'thread.run.completed');

    const events = env.h.runEvents(run.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(env.h.events.every((e) => appEventSchema.safeParse(e).success)).toBe(true);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('thread.run.created');
    for (const name of [
      'thread.message.created',
      'thread.run.in_progress',
      'thread.run.step.handler_started',
      'thread.run.step.handler_finished',
      'thread.message.delta',
    ] as const) {
      expect(names).toContain(name);
    }
    expect(names.indexOf('thread.run.step.handler_finished')).toBeLessThan(names.indexOf('thread.message.delta'));
    expect(names.at(-1)).toBe('thread.run.completed');
    // The project was never saved, so the user is writing it now and its handler ran.
    expect(JSON.parse(env.sim.requests[1]!.toolOutputs[0]!.output)).toMatchObject({ results: [{ id: 'P-101' }, { id: 'P-102' }] });
    expect(env.sim.requests[0]!.endpoint).toBe(kind === 'openai' ? 'responses' : 'chat');

    const { messages } = await env.h.call('app:messages/list', { threadId: thread.id });
    expect(messages.map((m) => [m.role, m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join('')])).toEqual([
      ['user', 'Find papers on retrieval'],
      ['assistant', 'Two papers match.'],
    ]);
    expect((await env.h.call('app:runs/list', { threadId: thread.id })).runs).toMatchObject([{ id: run.id, status: 'completed' }]);
    const { steps } = await env.h.call('app:runs/steps', { runId: run.id });
    expect(steps.map((s) => s.type)).toEqual(['tool_calls', 'message_creation']);
    expect(functionCalls(steps)[0]).toMatchObject({ type: 'function', function: { name: 'search_database' }, logs: ['2 result(s) for "retrieval" in nlp'] });
    expect((await env.h.call('app:threads/list', { assistantNodeId: assistantId })).threads).toMatchObject([{ id: thread.id, title: 'Papers' }]);
  });
});

describe('runs through the backend', () => {
  it('keeps the handlers of a project opened from disk from running until it is trusted', async () => {
    await env.h.useSimulator('openai');
    const { project, assistantId } = simulatedSample();
    const file = path.join(env.dataDir, 'downloaded.assistant.json');
    await writeFile(file, serializeProject(project));
    const opened = await env.h.call('app:project/open', { path: file });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const request = { project: opened.document.project, projectPath: file, assistantNodeId: assistantId, threadId: thread.id, message: 'Search' };

    env.sim.script({ toolCalls: [SEARCH] }, { text: 'Nothing ran.' });
    const first = (await env.h.call('app:runs/create', request)).run;
    await env.h.until(first.id, 'thread.run.completed');
    expect(JSON.parse(env.sim.requests[1]!.toolOutputs[0]!.output)).toMatchObject({ error: 'untrusted' });
    expect(env.h.runEvents(first.id).map((e) => e.event)).not.toContain('thread.run.step.handler_started');

    expect(await env.h.call('app:trust/grant', { path: file, project: request.project })).toEqual({ trusted: true });
    env.sim.script({ toolCalls: [SEARCH] }, { text: 'Found them.' });
    const second = (await env.h.call('app:runs/create', request)).run;
    await env.h.until(second.id, 'thread.run.completed');
    expect(JSON.parse(env.sim.requests[3]!.toolOutputs[0]!.output)).toMatchObject({ results: [{ id: 'P-101' }, { id: 'P-102' }] });
  });

  it('searches the knowledge files next to a saved project', async () => {
    await env.h.useSimulator('openai');
    const initial = await env.h.call('app:project/initial', {});
    const project = { ...(initial.document.project as Project), settings: { provider: 'sim', model: 'gpt-4.1-mini' } };
    const assistantId = project.nodes.find((n) => n.kind === 'assistant')!.id;
    env.sim.script({ toolCalls: [{ name: 'file_search', arguments: { query: 'hybrid search' } }] }, { text: 'Fused rankings.' });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const { run } = await env.h.call('app:runs/create', {
      project,
      projectPath: initial.document.path,
      assistantNodeId: assistantId,
      threadId: thread.id,
      message: 'What is hybrid search?',
    });
    await env.h.until(run.id, 'thread.run.completed');
    expect(env.sim.requests[1]!.toolOutputs[0]!.output).toContain('reciprocal rank fusion');
  });

  it('cancels a run in the middle of its answer', async () => {
    await env.h.useSimulator('openai-compatible');
    const { project, assistantId } = simulatedSample();
    env.sim.script({ text: Array.from({ length: 200 }, (_, i) => `word${i} `), chunkDelayMs: 20 });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const { run } = await env.h.call('app:runs/create', { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: 'Talk' });
    await env.h.until(run.id, 'thread.message.delta');
    expect((await env.h.call('app:runs/cancel', { runId: run.id })).run.status).toBe('cancelling');
    await env.h.until(run.id, 'thread.run.cancelled');
    expect((await env.h.call('app:runs/list', { threadId: thread.id })).runs).toMatchObject([{ id: run.id, status: 'cancelled' }]);
    expect(await env.h.refuse('app:runs/cancel', { runId: run.id })).toMatchObject({
      code: 'E_INVALID_REQUEST',
      message: expect.stringContaining('cancelled'),
    });
  });

  it('waits in requires_action for an ask-me function until its output is submitted', async () => {
    await env.h.useSimulator('openai');
    const sample = simulatedSample();
    const project = withFunction(sample.project, { mode: 'ask' });
    env.sim.script({ toolCalls: [SEARCH] }, { text: 'Thanks for the list.' });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: sample.assistantId });
    const { run } = await env.h.call('app:runs/create', {
      project,
      projectPath: null,
      assistantNodeId: sample.assistantId,
      threadId: thread.id,
      message: 'Ask me',
    });
    const waiting = await env.h.until(run.id, 'thread.run.requires_action');
    if (waiting.event !== 'thread.run.requires_action') throw new Error('unexpected event');
    const calls = waiting.data.required_action?.submit_tool_outputs.tool_calls ?? [];
    expect(calls).toMatchObject([{ type: 'function', function: { name: 'search_database' } }]);

    const submitted = await env.h.call('app:runs/submitToolOutputs', {
      runId: run.id,
      outputs: [{ tool_call_id: calls[0]!.id, output: '{"results":["mine"]}' }],
    });
    expect(submitted.run.id).toBe(run.id);
    await env.h.until(run.id, 'thread.run.completed');
    expect(env.sim.requests[1]!.toolOutputs).toEqual([{ callId: calls[0]!.id, output: '{"results":["mine"]}' }]);
    expect(await env.h.refuse('app:runs/submitToolOutputs', { runId: run.id, outputs: [{ tool_call_id: calls[0]!.id, output: 'again' }] })).toMatchObject({
      code: 'E_INVALID_REQUEST',
    });
  });

  it('says which key is missing, and needs none for a local compatible server', async () => {
    const { project, assistantId } = simulatedSample();
    await env.h.useSimulator('openai', { key: false });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const request = { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: 'Hi' };
    expect(await env.h.refuse('app:runs/create', request)).toEqual({
      code: 'E_INVALID_REQUEST',
      message: 'Add an API key for Simulator in Settings, or set SIM_API_KEY.',
    });
    expect((await env.h.call('app:messages/list', { threadId: thread.id })).messages).toEqual([]);

    await env.h.useSimulator('openai-compatible', { key: false });
    env.sim.script({ text: 'Local hello.' });
    const { run } = await env.h.call('app:runs/create', request);
    await env.h.until(run.id, 'thread.run.completed');

    const other = { ...project, settings: { provider: 'nowhere', model: 'm' } };
    expect(await env.h.refuse('app:runs/create', { ...request, project: other })).toMatchObject({
      code: 'E_NOT_FOUND',
      message: expect.stringContaining('"nowhere"'),
    });
  });

  it('refuses an invalid project or a thread of another assistant', async () => {
    await env.h.useSimulator('openai');
    const { project, assistantId } = simulatedSample();
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: 'another-node' });
    const request = { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: 'Hi' };
    expect(await env.h.refuse('app:runs/create', request)).toMatchObject({ code: 'E_INVALID_REQUEST', message: expect.stringContaining('another assistant') });
    expect(await env.h.refuse('app:runs/create', { ...request, project: { nodes: 'no' } })).toMatchObject({ code: 'E_PROJECT_FOREIGN' });
    expect(await env.h.refuse('app:runs/create', { ...request, projectPath: 'relative.assistant.json' })).toMatchObject({ code: 'E_INVALID_REQUEST' });
  });

  it('renames and deletes threads, and keeps threads and runs across a restart', async () => {
    await env.h.useSimulator('openai');
    const { project, assistantId } = simulatedSample();
    env.sim.script({ text: 'Remembered.' });
    const { thread } = await env.h.call('app:threads/create', { assistantNodeId: assistantId });
    const doomed = (await env.h.call('app:threads/create', { assistantNodeId: assistantId })).thread;
    const { run } = await env.h.call('app:runs/create', { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: 'Hi' });
    await env.h.until(run.id, 'thread.run.completed');
    expect((await env.h.call('app:threads/rename', { threadId: thread.id, title: 'Kept' })).thread.title).toBe('Kept');
    await env.h.call('app:threads/delete', { threadId: doomed.id });
    expect(await env.h.refuse('app:messages/list', { threadId: doomed.id })).toMatchObject({ code: 'E_NOT_FOUND' });
    await env.h.close();

    const reopened = await backendHarness(env.dataDir, { sim: env.sim, settings: env.h.settings });
    try {
      expect((await reopened.call('app:threads/list', { assistantNodeId: assistantId })).threads).toMatchObject([{ id: thread.id, title: 'Kept' }]);
      expect((await reopened.call('app:runs/list', { threadId: thread.id })).runs).toMatchObject([{ id: run.id, status: 'completed' }]);
      expect((await reopened.call('app:messages/list', { threadId: thread.id })).messages).toHaveLength(2);
      expect((await reopened.call('app:runs/steps', { runId: run.id })).steps).toMatchObject([{ type: 'message_creation', status: 'completed' }]);
    } finally {
      await reopened.close();
    }
  });

  it('lists the provider models sorted, and explains when it cannot', async () => {
    await env.h.useSimulator('openai');
    const { models } = await env.h.call('app:models/list', { providerId: 'sim' });
    expect(models).toEqual([...models].sort((a, b) => a.localeCompare(b)));
    expect(models).toEqual(expect.arrayContaining(['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o']));

    await env.h.call('app:settings/update', {
      providers: [{ id: 'gone', label: 'Gone', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', apiKeyEnv: '' }],
    });
    const error = await env.h.refuse('app:models/list', { providerId: 'gone' });
    expect(error).toMatchObject({ code: 'E_IO', message: expect.stringMatching(/^Could not list the models of Gone: the server did not answer/) });
    expect(await env.h.refuse('app:models/list', { providerId: 'sim' })).toMatchObject({ code: 'E_NOT_FOUND' });
  });

  it('sends the stored key to the provider, and only there', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: [
            { id: 'b-model', object: 'model', created: 0, owned_by: 'me' },
            { id: 'a-model', object: 'model', created: 0, owned_by: 'me' },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      await env.h.call('app:settings/update', { providers: [{ id: 'own', label: 'Own', kind: 'openai', baseUrl, apiKeyEnv: '' }] });
      await env.h.call('app:secrets/set', { providerId: 'own', apiKey: KEY });
      expect(await env.h.call('app:models/list', { providerId: 'own' })).toEqual({ models: ['a-model', 'b-model'] });
      expect(seen).toEqual([`Bearer ${KEY}`]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
