import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { newFileId, newMessageId, newRunId, newStepId, newThreadId, type Message, type Run, type Thread } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';
import { migrate, MIGRATIONS } from '../../../electron/engine/store/migrations.ts';
import { openStore } from '../../../electron/engine/store/store.ts';

const dirs: string[] = [];
const dbFile = (): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-store-'));
  dirs.push(dir);
  return path.join(dir, 'runs.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const thread = (assistant = 'n_a'): Thread => ({
  id: newThreadId(),
  object: 'thread',
  created_at: 1,
  tool_resources: null,
  metadata: {},
  assistant_node_id: assistant,
  title: 'T',
});
const message = (threadId: string, runId: string | null, status: Message['status'] = 'completed'): Message => ({
  id: newMessageId(),
  object: 'thread.message',
  created_at: 1,
  thread_id: threadId,
  status,
  incomplete_details: null,
  completed_at: null,
  incomplete_at: null,
  role: runId ? 'assistant' : 'user',
  content: [{ type: 'text', text: { value: 'hi', annotations: [] } }],
  assistant_id: null,
  run_id: runId,
  attachments: [],
  metadata: {},
});
const run = (threadId: string, status: Run['status']): Run => ({
  id: newRunId(),
  object: 'thread.run',
  created_at: 1,
  thread_id: threadId,
  assistant_id: 'asst_n_a',
  status,
  required_action: null,
  last_error: null,
  expires_at: null,
  started_at: 1,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  incomplete_details: null,
  model: 'gpt-4.1-mini',
  instructions: '',
  tools: [],
  metadata: {},
  usage: null,
  temperature: null,
  top_p: null,
  max_prompt_tokens: null,
  max_completion_tokens: null,
  truncation_strategy: { type: 'auto', last_messages: null },
  tool_choice: 'auto',
  parallel_tool_calls: true,
  response_format: { type: 'text' },
  assistant_node_id: 'n_a',
  provider_id: 'openai',
  estimated_cost: null,
});
const step = (r: Run, status: RunStep['status']): RunStep => ({
  id: newStepId(),
  object: 'thread.run.step',
  created_at: 1,
  assistant_id: r.assistant_id,
  thread_id: r.thread_id,
  run_id: r.id,
  type: 'message_creation',
  status,
  step_details: { type: 'message_creation', message_creation: { message_id: 'msg_x' } },
  last_error: null,
  expired_at: null,
  cancelled_at: null,
  failed_at: null,
  completed_at: null,
  metadata: {},
  usage: null,
});

describe('run store', () => {
  it('uses WAL and records its migrations once', () => {
    const file = dbFile();
    openStore(file).close();
    openStore(file).close();
    const db = new DatabaseSync(file);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    db.close();
  });

  it('creates the database and its -wal and -shm files for its owner only, and narrows an older, readable one', () => {
    const mode = (file: string): number => statSync(file).mode & 0o777;
    const file = dbFile();
    const store = openStore(file);
    store.threads.put(thread());
    store.flush();
    expect([file, `${file}-wal`, `${file}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    store.close();

    const older = dbFile();
    new DatabaseSync(older).close();
    chmodSync(older, 0o644);
    openStore(older).close();
    expect(mode(older)).toBe(0o600);
  });

  it('refuses a database from a newer schema', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations VALUES (99, ?, 0)').run('future');
    expect(() => migrate(db)).toThrow(/newer version/);
  });

  it("lists a newly added thread's messages and runs from memory, then from the database after a reopen", () => {
    const file = dbFile();
    const store = openStore(file);
    const t = thread();
    store.threads.add(t);
    expect(store.messages.listByThread(t.id)).toEqual([]);
    expect(store.runs.listByThread(t.id)).toEqual([]);
    const first = message(t.id, null);
    const r = run(t.id, 'completed');
    store.messages.put(first);
    store.runs.put(r);
    const second = message(t.id, r.id);
    store.messages.put(second);
    expect(store.messages.listByThread(t.id)).toEqual([first, second]);
    store.close();
    const reopened = openStore(file);
    expect(reopened.threads.get(t.id)).toEqual(t);
    expect(reopened.messages.listByThread(t.id)).toEqual([first, second]);
    expect(reopened.runs.listByThread(t.id)).toEqual([r]);
    reopened.close();
  });

  it('commits held writes on close and refuses writes after it with a clear error', () => {
    const file = dbFile();
    const store = openStore(file);
    const t = thread();
    store.threads.put(t);
    store.close();
    store.close();
    expect(() => store.messages.put(message(t.id, null))).toThrow('The run database is closed.');
    const reopened = openStore(file);
    expect(reopened.threads.get(t.id)).toEqual(t);
    reopened.close();
  });

  it('keeps threads, messages, runs and steps across a reopen, in insertion order', () => {
    const file = dbFile();
    const store = openStore(file);
    const t = thread();
    const r = run(t.id, 'completed');
    const messages = [message(t.id, null), message(t.id, r.id)];
    store.threads.put(t);
    for (const m of messages) store.messages.put(m);
    store.runs.put(r);
    store.steps.put(step(r, 'completed'));
    // Updating an object keeps its place in listings.
    store.messages.put({ ...messages[0]!, metadata: { edited: 'yes' } });
    store.close();

    const again = openStore(file);
    expect(again.threads.listByAssistant('n_a')).toEqual([t]);
    expect(again.messages.listByThread(t.id).map((m) => m.id)).toEqual(messages.map((m) => m.id));
    expect(again.messages.get(messages[0]!.id)?.metadata).toEqual({ edited: 'yes' });
    expect(again.runs.listByThread(t.id)).toEqual([r]);
    expect(again.steps.listByRun(r.id)).toHaveLength(1);
    again.close();
  });

  it('keeps file records', () => {
    const store = openStore(':memory:');
    const file = { id: newFileId(), object: 'file' as const, bytes: 12, created_at: 1, filename: 'notes.md', purpose: 'assistants', path: '/tmp/notes.md' };
    store.files.put(file);
    expect(store.files.get(file.id)).toEqual(file);
    expect(store.files.list()).toEqual([file]);
    store.files.remove(file.id);
    expect(store.files.list()).toEqual([]);
    store.close();
  });

  it('shows writes to readers before they are committed, and commits them on close', () => {
    const file = dbFile();
    const store = openStore(file, { flushDelayMs: 60_000 });
    const t = thread();
    store.threads.put(t);
    const first = message(t.id, null);
    const second = message(t.id, null);
    store.messages.put(first);
    store.messages.put(second);
    store.messages.put({ ...first, metadata: { changed: 'yes' } });
    expect(store.threads.get(t.id)).toEqual(t);
    expect(store.messages.listByThread(t.id).map((m) => [m.id, m.metadata])).toEqual([
      [first.id, { changed: 'yes' }],
      [second.id, {}],
    ]);
    const db = new DatabaseSync(file);
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    store.close();
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 2 });
    db.close();
  });

  it('keeps listings right as a listed thread gets new, changed, committed and deleted objects', () => {
    const file = dbFile();
    const store = openStore(file, { flushDelayMs: 60_000 });
    const t = thread();
    const other = thread();
    store.threads.put(t);
    const first = message(t.id, null);
    store.messages.put(first);
    store.flush();
    const ids = (): string[] => store.messages.listByThread(t.id).map((m) => m.id);
    expect(ids()).toEqual([first.id]);
    const second = message(t.id, null, 'in_progress');
    store.messages.put(second);
    store.messages.put(message(other.id, null));
    store.messages.put({ ...first, metadata: { changed: 'yes' } });
    expect(store.messages.listByThread(t.id).map((m) => [m.id, m.metadata])).toEqual([
      [first.id, { changed: 'yes' }],
      [second.id, {}],
    ]);
    store.flush();
    const third = message(t.id, null);
    store.messages.put(third);
    store.messages.put({ ...second, status: 'completed' });
    expect(store.messages.listByThread(t.id).map((m) => [m.id, m.status])).toEqual([
      [first.id, 'completed'],
      [second.id, 'completed'],
      [third.id, 'completed'],
    ]);
    store.close();
    // A fresh store reads the same order back from SQLite.
    const reopened = openStore(file);
    expect(reopened.messages.listByThread(t.id).map((m) => m.id)).toEqual([first.id, second.id, third.id]);
    reopened.threads.remove(t.id);
    expect(reopened.messages.listByThread(t.id)).toEqual([]);
    expect(reopened.messages.listByThread(other.id)).toHaveLength(1);
    reopened.close();
  });

  it('deletes a thread with everything in it', () => {
    const store = openStore(':memory:');
    const t = thread();
    const r = run(t.id, 'completed');
    store.threads.put(t);
    store.messages.put(message(t.id, r.id));
    store.runs.put(r);
    store.steps.put(step(r, 'completed'));
    store.threads.remove(t.id);
    expect([store.threads.get(t.id), store.runs.get(r.id), store.messages.listByThread(t.id), store.steps.listByRun(r.id)]).toEqual([null, null, [], []]);
    store.close();
  });

  it('marks runs left unfinished as failed (interrupted) at open, closing their steps and messages', () => {
    const file = dbFile();
    const store = openStore(file);
    const t = thread();
    const open = run(t.id, 'in_progress');
    const waiting = run(t.id, 'requires_action');
    const done = run(t.id, 'completed');
    store.threads.put(t);
    for (const r of [open, waiting, done]) store.runs.put(r);
    store.steps.put(step(open, 'in_progress'));
    store.messages.put(message(t.id, open.id, 'in_progress'));
    store.close();

    const again = openStore(file, { now: () => 42 });
    expect(again.recoveredRunIds).toEqual([open.id, waiting.id]);
    const failed = again.runs.get(open.id)!;
    expect(failed).toMatchObject({ status: 'failed', failed_at: 42, last_error: { code: 'interrupted' } });
    expect(again.runs.get(done.id)?.status).toBe('completed');
    expect(again.steps.listByRun(open.id)[0]).toMatchObject({ status: 'failed', last_error: { code: 'interrupted' } });
    expect(again.messages.listByThread(t.id)[0]).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'run_failed' } });
    again.close();
  });
});
