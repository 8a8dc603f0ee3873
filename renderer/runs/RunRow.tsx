import { memo } from 'react';
import { isTerminalRunStatus, type Run } from '../../shared/runtime/objects.ts';
import { Icon } from '../components/Icon.tsx';
import { formatCost, runOutcome, statusWord } from './format.ts';
import { RunCalls } from './RunCalls.tsx';
import { RunImages } from './RunImages.tsx';

/** What became of one run, under its answer: how it ended, its tokens and cost, and a way to its steps. */
export const RunRow = memo(function RunRow({ run, onShowSteps }: { run: Run; onShowSteps: (runId: string) => void }) {
  const outcome = runOutcome(run);
  const facts = [
    isTerminalRunStatus(run.status) ? null : statusWord(run.status),
    run.usage ? `${run.usage.total_tokens.toLocaleString('en-US')} tokens` : null,
    run.estimated_cost === null ? null : formatCost(run.estimated_cost),
  ].filter((f) => f !== null);
  return (
    <div className="chat-run">
      <RunCalls runId={run.id} onShowSteps={onShowSteps} />
      {run.tools.some((t) => t.type === 'code_interpreter') && <RunImages run={run} />}
      {outcome && (
        <div className={`run-outcome is-${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : undefined}>
          <Icon name={outcome.tone === 'error' ? 'error' : 'warning'} size={14} />
          <div>
            <strong>{outcome.title}</strong>
            {outcome.detail && <p>{outcome.detail}</p>}
          </div>
        </div>
      )}
      <div className="chat-run-meta">
        <span>{facts.join(' · ')}</span>
        <button type="button" className="link-button" onClick={() => onShowSteps(run.id)} aria-label={`Show the steps of run ${run.id}`}>
          Steps
        </button>
      </div>
    </div>
  );
});
