import { createNode } from '../../shared/graph/nodes.ts';
import { emptyProject, type GraphEdge, type GraphNode, type Project } from '../../shared/graph/project.ts';
import type { Runtime } from '../../electron/engine/index.ts';
import type { Conversation, TurnTiming } from './shared.ts';

/** The conversation's assistant as a project: mock-mode Functions, so no handler process is involved. */
export function conversationProject(c: Conversation): { project: Project; assistantId: string } {
  const assistant = createNode('assistant', { x: 0, y: 0 }, { name: 'Bench', instructions: c.instructions, model: c.model });
  const functions = c.functions.map((f, i) =>
    createNode('function', { x: 0, y: 100 * (i + 1) }, { ...f, strict: true, mode: 'mock', mockOutput: c.mockOutput }),
  );
  const edges = functions.map((f, i) => ({ id: `e_${i}`, source: f.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' }) as GraphEdge);
  return { project: { ...emptyProject('Bench'), nodes: [assistant, ...functions] as GraphNode[], edges }, assistantId: assistant.id };
}

/** Plays the conversation through the engine: a new thread, one run per user message. */
export async function* engineConversation(runtime: Runtime, c: Conversation, fixture: { project: Project; assistantId: string }): AsyncGenerator<TurnTiming> {
  const thread = runtime.threads.create({ assistantNodeId: fixture.assistantId });
  for (const message of c.messages) {
    const started = performance.now();
    let firstToken: number | null = null;
    const off = runtime.onEvent((e) => {
      if (e.event === 'thread.message.delta') firstToken ??= performance.now();
    });
    const run = await runtime.runs.create({ project: fixture.project, assistantNodeId: fixture.assistantId, threadId: thread.id, message, trusted: true });
    const final = await runtime.runs.wait(run.id);
    off();
    if (final.status !== 'completed') throw new Error(`The engine run ended ${final.status}: ${final.last_error?.message ?? ''}`);
    yield { totalMs: performance.now() - started, firstTokenMs: (firstToken ?? performance.now()) - started };
  }
}
