import { useEffect, useId, useMemo } from 'react';
import type { Run } from '../../shared/runtime/objects.ts';
import { formatCost, formatSeconds, formatTokens, runDurationSeconds, runOutcome, statusWord } from './format.ts';
import { RawJson } from './RawJson.tsx';
import { selectRuns, selectStepsOf, selectStepsRun, useRunStore } from './runStore.ts';
import { StepItem } from './StepItem.tsx';
import { useSettingsStore } from '../stores/settingsStore.ts';

const timeOf = (seconds: number): string => new Date(seconds * 1000).toLocaleTimeString();

function RunSummary({ run }: { run: Run }) {
  // Runs keep the provider's id (stable across renames); the user knows it by its label.
  const provider = useSettingsStore((s) => s.settings?.providers.find((p) => p.id === run.provider_id)?.label ?? run.provider_id);
  const duration = runDurationSeconds(run);
  const outcome = runOutcome(run);
  return (
    <div className="run-summary">
      <dl className="run-facts">
        <dt>Status</dt>
        <dd>
          <span className={`status-pill is-${run.status}`}>{statusWord(run.status)}</span>
        </dd>
        <dt>Model</dt>
        <dd>
          <code>{run.model}</code> on {provider}
        </dd>
        <dt>Duration</dt>
        <dd>{duration === null ? '…' : formatSeconds(duration)}</dd>
        <dt>Usage</dt>
        <dd>{run.usage ? formatTokens(run.usage) : '–'}</dd>
        <dt>Cost</dt>
        <dd>{run.estimated_cost === null ? '–' : `${formatCost(run.estimated_cost)} (estimated)`}</dd>
      </dl>
      {outcome?.detail && (
        <p className={`run-outcome is-${outcome.tone}`}>
          <strong>{outcome.title}</strong>: {outcome.detail}
        </p>
      )}
      <RawJson value={run} of="the run" />
    </div>
  );
}

/** The steps of one run of the thread (the latest unless another is chosen), live while it goes. */
export function StepsTimeline() {
  const runs = useRunStore(selectRuns);
  const run = useRunStore(selectStepsRun);
  const showSteps = useRunStore((s) => s.showSteps);
  const loadSteps = useRunStore((s) => s.loadSteps);
  const runId = run?.id ?? null;
  const steps = useRunStore(useMemo(() => selectStepsOf(runId), [runId]));
  const pickerId = useId();

  useEffect(() => {
    if (runId !== null) void loadSteps(runId);
  }, [runId, loadSteps]);

  if (run === null) return <p className="steps-empty">No runs in this thread yet.</p>;
  return (
    <div className="steps">
      <div className="steps-picker">
        <label htmlFor={pickerId}>Run</label>
        <select id={pickerId} value={run.id} onChange={(e) => showSteps(e.target.value === runs.at(-1)?.id ? null : e.target.value)}>
          {runs.map((r, i) => (
            <option key={r.id} value={r.id}>
              #{i + 1} · {timeOf(r.created_at)} · {statusWord(r.status)}
            </option>
          ))}
        </select>
      </div>
      <RunSummary run={run} />
      {steps === null ? (
        <p className="steps-empty">Loading steps…</p>
      ) : (
        <ol className="step-list" aria-label="Run steps">
          {steps.map((step, i) => (
            <StepItem key={step.id} step={step} index={i} />
          ))}
          {steps.length === 0 && <li className="steps-empty">No steps yet.</li>}
        </ol>
      )}
    </div>
  );
}
