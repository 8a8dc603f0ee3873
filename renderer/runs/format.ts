import type { Run, RunStatus, Usage } from '../../shared/runtime/objects.ts';
import type { RunStep } from '../../shared/runtime/steps.ts';

/** JSON text pretty-printed; anything that is not JSON comes back as it was. */
export function formatJsonText(text: string): { text: string; json: boolean } {
  const trimmed = text.trim();
  if (trimmed === '' || !'{["'.includes(trimmed[0] ?? '')) return { text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

export const formatJsonValue = (value: unknown): string => JSON.stringify(value, null, 2) ?? String(value);

export function formatDurationMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Timestamps are whole seconds, so durations taken from them are shown as such. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return '<1 s';
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A step's duration in seconds from its timestamps; null while it is still going. */
export function stepDurationSeconds(step: RunStep): number | null {
  const end = step.completed_at ?? step.failed_at ?? step.cancelled_at ?? step.expired_at;
  return end === null ? null : Math.max(0, end - step.created_at);
}

/** A run's duration in seconds from its timestamps; null while it is still going. */
export function runDurationSeconds(run: Run): number | null {
  const end = run.completed_at ?? run.failed_at ?? run.cancelled_at;
  if (end === null || run.started_at === null) return null;
  return Math.max(0, end - run.started_at);
}

export const formatTokens = (usage: Usage): string =>
  `${usage.total_tokens.toLocaleString('en-US')} tokens (${usage.prompt_tokens.toLocaleString('en-US')} in, ${usage.completion_tokens.toLocaleString('en-US')} out)`;

/** Dollars with enough digits that small costs do not all read as $0.00. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 3 : 2)}`;
}

const STATUS_WORDS: Readonly<Record<RunStatus | RunStep['status'], string>> = {
  queued: 'queued',
  in_progress: 'in progress',
  requires_action: 'waiting for tool outputs',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
  failed: 'failed',
  completed: 'completed',
  incomplete: 'incomplete',
  expired: 'expired',
};

export const statusWord = (status: RunStatus | RunStep['status']): string => STATUS_WORDS[status];

export const stepTypeLabel = (step: RunStep): string => (step.type === 'tool_calls' ? 'Tool calls step' : 'Message creation step');

/** What the chat says about a run that did not complete; null for runs that completed or are going. */
export function runOutcome(run: Run): { tone: 'error' | 'warning'; title: string; detail: string | null } | null {
  switch (run.status) {
    case 'failed':
      return {
        tone: 'error',
        title: run.last_error ? `Run failed: ${run.last_error.code}` : 'Run failed',
        detail: run.last_error?.message ?? null,
      };
    case 'cancelled':
      return { tone: 'warning', title: 'Run cancelled', detail: null };
    case 'expired':
      return { tone: 'warning', title: 'Run expired', detail: 'It ran longer than the run time limit.' };
    case 'incomplete':
      return {
        tone: 'warning',
        title: 'Run incomplete',
        detail: run.incomplete_details ? INCOMPLETE_WORDS[run.incomplete_details.reason] : null,
      };
    default:
      return null;
  }
}

const INCOMPLETE_WORDS: Readonly<Record<NonNullable<Run['incomplete_details']>['reason'], string>> = {
  max_completion_tokens: 'The answer reached the maximum number of completion tokens.',
  max_prompt_tokens: 'The conversation reached the maximum number of prompt tokens.',
  max_tool_rounds: 'The model kept calling tools beyond the cap on tool rounds.',
};
