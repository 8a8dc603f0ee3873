import { isTerminalRunStatus, type Run, type Thread } from '../../shared/runtime/objects.ts';
import type { Runtime } from '../engine/index.ts';
import { found, invalidRequest, notFound } from './http.ts';

// The objects a path names (assistants: canvas.ts findAssistant), or the API's 404 ("No thread found with id 'thread_x'.").

export const getThread = (runtime: Runtime, id: string): Thread => found(() => runtime.threads.get(id), 'thread', id);

/** A run of the thread the path names (a run of another thread is not found there). */
export function getRun(runtime: Runtime, threadId: string, runId: string): Run {
  getThread(runtime, threadId);
  const run = found(() => runtime.runs.get(runId), 'run', runId);
  if (run.thread_id !== threadId) throw notFound(`No run found with id '${runId}'.`);
  return run;
}

/** The thread's run that is not over yet (a thread runs one at a time), if any. */
export const activeRunOf = (runtime: Runtime, threadId: string): Run | undefined => runtime.runs.list(threadId).find((r) => !isTerminalRunStatus(r.status));

/** Refuses a change to a thread while one of its runs is active, in the API's words. */
export function refuseWhileActive(runtime: Runtime, threadId: string, what: string): void {
  const active = activeRunOf(runtime, threadId);
  if (active) throw invalidRequest(`Can't ${what} ${threadId} while a run ${active.id} is active.`);
}
