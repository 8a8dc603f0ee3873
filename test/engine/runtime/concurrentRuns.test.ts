import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors.ts';
import type { MessageAttachment, RunCreateRequest } from '../../../electron/engine/runtime/types.ts';
import { startSimulator, type Simulator } from '../../simulator/server.ts';
import { harness, projectWith, type Harness } from './harness.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const BUSY = { code: 'E_INVALID_REQUEST', message: 'A run is already going in this thread; wait for it or stop it first.' };
const note = (text: string): MessageAttachment => ({ filename: 'note.txt', bytes: new TextEncoder().encode(text) });

describe('runs created at the same time in one thread', () => {
  let h: Harness;
  let filesDir: string;
  beforeEach(() => {
    sim.reset();
    h = harness(sim, 'responses', (_store, dir) => {
      filesDir = path.join(dir, 'files');
      return {
        filesDir,
        resolveProvider: async (id) => {
          if (id === 'missing') throw new AppFailure('E_NOT_FOUND', 'There is no provider "missing".');
          return { api: 'responses', baseUrl: sim.baseURL, apiKey: 'sk-test', maxRetries: 2 };
        },
      };
    });
  });
  afterEach(() => h.dispose());

  const fixture = projectWith([]);
  const request = (threadId: string, message: string, extra: Partial<RunCreateRequest> = {}): RunCreateRequest => ({
    project: fixture.project,
    assistantNodeId: fixture.assistantId,
    threadId,
    message,
    trusted: true,
    ...extra,
  });
  const userTexts = (threadId: string) =>
    h.runtime.messages
      .list(threadId)
      .filter((m) => m.role === 'user')
      .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''));
  const storedFiles = () => h.store.files.list().map((f) => f.id);

  it.each([
    ['with attachments', (text: string) => ({ attachments: [note(text)] })],
    ['without attachments', () => ({})],
  ])('starts exactly one of two concurrent creates %s and refuses the other as busy', async (_label, extra) => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({ text: 'First answer.' }, { text: 'Second answer.' });
    const outcomes = await Promise.allSettled([
      h.runtime.runs.create(request(thread.id, 'first', extra('first'))),
      h.runtime.runs.create(request(thread.id, 'second', extra('second'))),
    ]);

    const started = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject(BUSY);
    const run = started[0]!.value;
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');

    expect(h.runtime.runs.list(thread.id).map((r) => r.id)).toEqual([run.id]);
    expect(userTexts(thread.id)).toEqual(['first']);
    expect(sim.requests).toHaveLength(1);
    // The refused create stored no attachment either.
    const attached = h.runtime.messages.list(thread.id).flatMap((m) => m.attachments.map((a) => a.file_id));
    expect(storedFiles()).toEqual(attached);
    // The thread is free again once the run has ended.
    const next = await h.runtime.runs.create(request(thread.id, 'third'));
    expect((await h.runtime.runs.wait(next.id)).status).toBe('completed');
    expect(userTexts(thread.id)).toEqual(['first', 'third']);
  });

  it('still starts concurrent creates in different threads', async () => {
    const [a, b] = [h.runtime.threads.create({ assistantNodeId: fixture.assistantId }), h.runtime.threads.create({ assistantNodeId: fixture.assistantId })];
    sim.script({ text: 'One.' }, { text: 'Two.' });
    const runs = await Promise.all([
      h.runtime.runs.create(request(a.id, 'in a', { attachments: [note('a')] })),
      h.runtime.runs.create(request(b.id, 'in b', { attachments: [note('b')] })),
    ]);
    for (const run of runs) expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect([userTexts(a.id), userTexts(b.id)]).toEqual([['in a'], ['in b']]);
  });

  it('refuses a thread to delete while a run is being created in it', async () => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({ text: 'Answer.' });
    const pending = h.runtime.runs.create(request(thread.id, 'hi', { attachments: [note('x')] }));
    expect(() => h.runtime.threads.delete(thread.id)).toThrow(/still going/);
    await h.runtime.runs.wait((await pending).id);
    h.runtime.threads.delete(thread.id);
  });

  it.each([
    ['its provider does not resolve', { providerId: 'missing' }, { code: 'E_NOT_FOUND' }],
    [
      'it has attachments but no message',
      { message: null, attachments: [note('x')] },
      { code: 'E_INVALID_REQUEST', message: expect.stringContaining('need a message') },
    ],
    ['its attachment cannot be stored', { attachments: [note('x')] }, { code: expect.stringMatching(/^E/) }],
  ] as const)('frees the thread when a create fails before its run exists (%s)', async (label, extra, failure) => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    // A file where the files folder should be: storing an attachment fails for real.
    if (label === 'its attachment cannot be stored') writeFileSync(filesDir, 'not a folder');
    await expect(h.runtime.runs.create(request(thread.id, 'failed', extra))).rejects.toMatchObject(failure);
    expect(h.runtime.messages.list(thread.id)).toEqual([]);
    expect(storedFiles()).toEqual([]);

    sim.script({ text: 'Works.' });
    const run = await h.runtime.runs.create(request(thread.id, 'again'));
    expect((await h.runtime.runs.wait(run.id)).status).toBe('completed');
    expect(userTexts(thread.id)).toEqual(['again']);
  });

  it('frees no claim it does not hold: refused creates leave the starting one in charge', async () => {
    const thread = h.runtime.threads.create({ assistantNodeId: fixture.assistantId });
    sim.script({ text: 'Answer.' });
    const first = h.runtime.runs.create(request(thread.id, 'first', { attachments: [note('x')] }));
    await expect(h.runtime.runs.create(request(thread.id, 'second'))).rejects.toMatchObject(BUSY);
    await expect(h.runtime.runs.create(request('thread_unknown', 'lost'))).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(h.runtime.runs.create(request(thread.id, 'third'))).rejects.toMatchObject(BUSY);
    await h.runtime.runs.wait((await first).id);
    expect(userTexts(thread.id)).toEqual(['first']);
  });
});
