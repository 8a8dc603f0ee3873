import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { RUNS_DATABASE } from '../../electron/backend/backend.ts';
import type { Simulator } from '../../test/simulator/server.ts';
import { seeded, type Figures } from './figures.ts';
import { must, startProbedHost, type ProbedHost } from './host.ts';
import { probeProject, connectSimulator } from './project.ts';

interface RunView {
  id: string;
  status: string;
  last_error: { message: string } | null;
}

/** `PRAGMA integrity_check` of the runs database, opened read-only beside whatever the killed host left. */
function integrity(dataDir: string): string {
  const db = new DatabaseSync(path.join(dataDir, RUNS_DATABASE), { readOnly: true });
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * SIGKILLs the host while runs stream, then starts it again on the same data folder: the database must
 * be intact, the host must start, and every run the kill interrupted must be marked as such (no run left
 * `in_progress` for ever), each question kept once.
 */
export async function probeKills(dir: string, sim: Simulator, options: { kills: number; runsEach: number; seed: number; key: string }): Promise<Figures> {
  const random = seeded(options.seed);
  const problems: string[] = [];
  let corrupt = 0;
  let unmarked = 0;
  let lost = 0;
  let startFailures = 0;
  const threads: { id: string; question: string }[] = [];
  const { project, assistantId } = probeProject();
  sim.rule((request) => ({
    text: `Slow answer to ${request.lastUserText ?? ''} `
      .repeat(4)
      .split(' ')
      .map((w) => `${w} `),
    chunkDelayMs: 40,
  }));

  let host: ProbedHost = await startProbedHost(dir);
  await connectSimulator(host, sim.baseURL, options.key);
  for (let k = 0; k < options.kills; k++) {
    for (let r = 0; r < options.runsEach; r++) {
      const question = `killed question ${k}.${r}`;
      const { thread } = await must<{ thread: { id: string } }>(host, 'app:threads/create', { assistantNodeId: assistantId });
      threads.push({ id: thread.id, question });
      await must(host, 'app:runs/create', { project, projectPath: null, assistantNodeId: assistantId, threadId: thread.id, message: question });
    }
    await new Promise((resolve) => setTimeout(resolve, 100 + random() * 900));
    await host.kill();
    const check = integrity(host.dataDir);
    if (check !== 'ok') {
      corrupt++;
      problems.push(`kill ${k}: integrity_check says ${check}`);
    }
    try {
      host = await startProbedHost(dir);
    } catch (error) {
      startFailures++;
      problems.push(`kill ${k}: the host did not start again: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
      break;
    }
  }
  // Every thread of every round, read by the host that started last.
  for (const thread of threads) {
    const { runs } = await must<{ runs: RunView[] }>(host, 'app:runs/list', { threadId: thread.id });
    for (const run of runs) {
      if (run.status === 'in_progress' || run.status === 'queued') {
        unmarked++;
        problems.push(`${run.id} is still ${run.status} after the restart`);
      }
    }
    const { messages } = await must<{ messages: { role: string; content: { text?: { value: string } }[] }[] }>(host, 'app:messages/list', {
      threadId: thread.id,
    });
    const asked = messages.filter((m) => m.role === 'user' && m.content.some((c) => c.text?.value === thread.question)).length;
    if (asked !== 1) {
      lost++;
      problems.push(`${thread.question} is there ${asked} times`);
    }
  }
  await host.stop();
  sim.reset();
  return { tried: options.kills, failed: corrupt + unmarked + lost + startFailures, corrupt, unmarked, lost, startFailures, problems: problems.slice(0, 20) };
}
