import type { Simulator } from '../../test/simulator/server.ts';
import type { Turn } from '../../test/simulator/types.ts';
import { seeded, type Figures } from './figures.ts';
import { must, type ProbedHost } from './host.ts';
import { probeProject } from './project.ts';

interface RunView {
  id: string;
  status: string;
  last_error: { code: string; message: string } | null;
}
interface MessageView {
  role: string;
  run_id: string | null;
  content: { type: string; text?: { value: string } }[];
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete', 'requires_action']);
const textOf = (m: MessageView): string => m.content.map((c) => c.text?.value ?? '').join('');

/**
 * Runs through the backend while the provider fails a share of its turns: 429s, 500s, streams dropped
 * part-way and streams that stall. Each run must end (within the idle timeout plus a margin), its
 * question must be kept once, and a completed run's answer must be there exactly once.
 */
export async function probeFaultyRuns(
  host: ProbedHost,
  sim: Simulator,
  options: { runs: number; concurrent: number; faultShare: number; deadlineMs: number; seed: number },
): Promise<Figures> {
  const random = seeded(options.seed);
  const faults = { http429: 0, http500: 0, dropped: 0, stalled: 0 };
  const answer = (question: string) => `Answer to ${question}: ${'the kettle is blue. '.repeat(3).trim()}`;
  sim.rule((request): Turn => {
    const question = request.lastUserText ?? '';
    if (random() < options.faultShare) {
      const which = Math.floor(random() * 4);
      if (which === 0) {
        faults.http429++;
        return { fault: { status: 429, retryAfterMs: 0, message: 'Rate limit reached (injected).' } };
      }
      if (which === 1) {
        faults.http500++;
        return { fault: { status: 500, message: 'The server had an error (injected).' } };
      }
      if (which === 2) {
        faults.dropped++;
        return {
          text: answer(question)
            .split(' ')
            .map((w) => `${w} `),
          chunkDelayMs: 2,
          fault: { dropAfterEvents: 1 + Math.floor(random() * 6) },
        };
      }
      faults.stalled++;
      return {
        text: answer(question)
          .split(' ')
          .map((w) => `${w} `),
        fault: { stallAfterEvents: 1 + Math.floor(random() * 4) },
      };
    }
    // Streamed word by word, so a drop can cut into the middle of an answer on a retry too.
    return { text: answer(question).match(/\S+\s*/g)!, chunkDelayMs: 1 };
  });

  const { project, assistantId } = probeProject();
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let notTerminal = 0;
  let completed = 0;
  let failedByProvider = 0;
  let slowestMs = 0;
  const failures = new Map<string, number>();

  const one = async (i: number): Promise<void> => {
    const question = `probe question ${i}`;
    const { thread } = await must<{ thread: { id: string } }>(host, 'app:threads/create', { assistantNodeId: assistantId });
    const began = Date.now();
    const created = await host.invoke('app:runs/create', { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: question });
    if (!created.ok) {
      problems.push(`run ${i} was not created: ${'transport' in created ? created.transport : created.error.message}`);
      lost++;
      return;
    }
    const runId = (created.value as { run: RunView }).run.id;
    let run: RunView | undefined;
    while (Date.now() - began < options.deadlineMs) {
      const { runs } = await must<{ runs: RunView[] }>(host, 'app:runs/list', { threadId: thread.id });
      run = runs.find((r) => r.id === runId);
      if (run && TERMINAL.has(run.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    slowestMs = Math.max(slowestMs, Date.now() - began);
    if (!run || !TERMINAL.has(run.status)) {
      notTerminal++;
      problems.push(`run ${i} still ${run?.status ?? 'missing'} after ${options.deadlineMs / 1000} s`);
      await host.invoke('app:runs/cancel', { runId });
      return;
    }
    const { messages } = await must<{ messages: MessageView[] }>(host, 'app:messages/list', { threadId: thread.id });
    const asked = messages.filter((m) => m.role === 'user' && textOf(m) === question).length;
    if (asked !== 1) {
      (asked === 0 ? () => lost++ : () => duplicated++)();
      problems.push(`run ${i}: its question is there ${asked} times`);
    }
    const said = messages
      .filter((m) => m.role === 'assistant')
      .map(textOf)
      .join('\n');
    const times = said.split(answer(question)).length - 1;
    if (run.status === 'completed') {
      completed++;
      if (times !== 1 || said.trim() !== answer(question)) {
        (times === 0 ? () => lost++ : () => duplicated++)();
        problems.push(`run ${i} completed with ${JSON.stringify(said.slice(0, 160))}`);
      }
    } else {
      failedByProvider++;
      const reason = `${run.status}: ${run.last_error?.code ?? ''} ${run.last_error?.message ?? ''}`.trim();
      failures.set(reason, (failures.get(reason) ?? 0) + 1);
      if (times > 0 && said.trim() !== answer(question)) {
        duplicated++;
        problems.push(`run ${i} ${run.status} but left ${JSON.stringify(said.slice(0, 160))}`);
      }
    }
  };

  let next = 0;
  const worker = async () => {
    while (next < options.runs) await one(next++);
  };
  await Promise.all(Array.from({ length: options.concurrent }, worker));
  sim.reset();
  for (const [reason, count] of failures) problems.push(`${count} run(s) ended ${reason}`);
  return {
    tried: options.runs,
    failed: lost + duplicated + notTerminal,
    completed,
    endedFailed: failedByProvider,
    lost,
    duplicated,
    notTerminal,
    slowestSeconds: Math.round(slowestMs / 100) / 10,
    injected429: faults.http429,
    injected500: faults.http500,
    injectedDrops: faults.dropped,
    injectedStalls: faults.stalled,
    problems: problems.slice(0, 25),
  };
}
