import type { Message, Run } from '../../../shared/runtime/objects.ts';
import { isTerminalRunStatus } from '../../../shared/runtime/objects.ts';
import type { RunStep } from '../../../shared/runtime/steps.ts';
import type { JsonTable } from './table.ts';

const INTERRUPTED = {
  code: 'interrupted' as const,
  message: 'Assistant Studio stopped while this run was in progress (it was closed or crashed), so the run could not finish.',
};

/**
 * Closes what a crash left open: every run not in a terminal status becomes `failed` (`interrupted`),
 * with its open steps failed and its half-written messages `incomplete`. Returns the ids of those runs.
 */
export function recoverInterruptedRuns(tables: { runs: JsonTable<Run>; steps: JsonTable<RunStep>; messages: JsonTable<Message> }, now: number): string[] {
  const open = tables.runs.committedWhere("status NOT IN ('completed', 'failed', 'cancelled', 'expired', 'incomplete')");
  const recovered: string[] = [];
  for (const run of open) {
    if (isTerminalRunStatus(run.status)) continue;
    tables.runs.put({ ...run, status: 'failed', failed_at: now, last_error: INTERRUPTED, required_action: null });
    for (const step of tables.steps.committedWhere('run_id = ? AND status = ?', run.id, 'in_progress')) {
      tables.steps.put({ ...step, status: 'failed', failed_at: now, last_error: INTERRUPTED });
    }
    for (const message of tables.messages.committedWhere('run_id = ? AND status = ?', run.id, 'in_progress')) {
      tables.messages.put({ ...message, status: 'incomplete', incomplete_at: now, incomplete_details: { reason: 'run_failed' } });
    }
    recovered.push(run.id);
  }
  return recovered;
}
