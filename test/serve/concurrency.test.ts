// Many clients at once: 32 threads streaming their runs together, each getting its own complete answer.
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { startServe, type Serve } from './harness.ts';

const CLIENTS = 32;

let sim: Simulator;
let serve: Serve;
beforeAll(async () => {
  sim = await startSimulator();
  serve = await startServe(sim);
});
afterAll(async () => {
  await serve.dispose();
  await sim.close();
});

const EXPECTED = [
  'thread.created',
  'thread.run.created',
  'thread.run.queued',
  'thread.run.in_progress',
  'thread.run.step.created',
  'thread.run.step.in_progress',
  'thread.message.created',
  'thread.message.in_progress',
  'thread.message.delta',
  'thread.message.completed',
  'thread.run.step.completed',
  'thread.run.completed',
];

describe('concurrent streams', () => {
  it(`streams ${CLIENTS} runs at once, none losing, duplicating or mixing up an event`, { timeout: 60_000 }, async () => {
    const { client } = serve;
    const assistant = await client.beta.assistants.create({ model: 'gpt-4o' });
    // The simulator plays turns from one queue; a rule answers each request from its own question.
    sim.rule((request) => ({ text: ['Answer ', 'to ', request.lastUserText ?? '?', '.'], chunkDelayMs: 5 }));
    const outcomes = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const events: AssistantStreamEvent[] = [];
        const text: string[] = [];
        const run = await client.beta.threads
          .createAndRunStream({ assistant_id: assistant.id, thread: { messages: [{ role: 'user', content: `question ${i}` }] } })
          .on('event', (event) => events.push(event))
          .on('textDelta', (delta) => text.push(delta.value ?? ''))
          .finalRun();
        return { i, run, events, text: text.join('') };
      }),
    );
    const runIds = new Set<string>();
    for (const { i, run, events, text } of outcomes) {
      expect(run.status).toBe('completed');
      expect(text).toBe(`Answer to question ${i}.`);
      const names = events.map((e) => e.event).filter((name, at, all) => name !== 'thread.message.delta' || all[at - 1] !== 'thread.message.delta');
      expect(names).toEqual(EXPECTED);
      // Every run event is of this stream's run, every message and step event of its one message and step.
      const runEvents = events.filter((e) => e.event.startsWith('thread.run.') && !e.event.startsWith('thread.run.step.'));
      expect(new Set(runEvents.map((e) => (e.data as { id: string }).id))).toEqual(new Set([run.id]));
      const message = events.find((e) => e.event === 'thread.message.completed')?.data as { thread_id: string; run_id: string } | undefined;
      expect(message).toMatchObject({ thread_id: run.thread_id, run_id: run.id });
      runIds.add(run.id);
    }
    expect(runIds.size).toBe(CLIENTS);
    const stored = await client.beta.threads.messages.list(outcomes[7]!.run.thread_id, { order: 'asc' });
    expect(stored.data.map((m) => (m.content[0]?.type === 'text' ? m.content[0].text.value : ''))).toEqual(['question 7', 'Answer to question 7.']);
    expect(serve.errors).toEqual([]);
  });
});
