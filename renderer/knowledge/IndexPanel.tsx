import { useId } from 'react';
import { Icon } from '../components/Icon.tsx';
import { formatDurationMs } from '../runs/format.ts';
import { progressPercent, useKnowledgeStore, type IndexState } from './knowledgeStore.ts';

const PHASE_WORDS = { files: 'Reading files', embeddings: 'Embedding chunks' } as const;

function Progress({ state }: { state: IndexState }) {
  const percent = progressPercent(state.progress);
  const { progress } = state;
  const label = progress ? `${PHASE_WORDS[progress.phase]}: ${progress.done} of ${progress.total}` : 'Starting…';
  return (
    <div className="index-progress">
      <progress max={100} value={percent ?? undefined} aria-label="Indexing progress">
        {percent ?? 0}%
      </progress>
      <p className="muted small" aria-live="polite">
        {label}
        {progress?.path && (
          <>
            {' '}
            · <span className="is-mono">{progress.path}</span>
          </>
        )}
      </p>
    </div>
  );
}

function Report({ state }: { state: IndexState }) {
  const { report } = state;
  if (!report) return null;
  const changed = report.added + report.updated + report.removed;
  return (
    <div className="index-report" role="status">
      <p className="small">
        {report.cancelled ? 'Cancelled. ' : ''}
        {changed === 0 && !report.cancelled ? 'Up to date: ' : ''}
        {report.added} added, {report.updated} updated, {report.removed} removed, {report.unchanged} unchanged · {report.chunksWritten} chunks written in{' '}
        {formatDurationMs(report.durationMs)}
      </p>
      {report.problems.length > 0 && (
        <ul className="inspector-problems" aria-label="Files that could not be indexed">
          {report.problems.map((p) => (
            <li key={`${p.nodeId}:${p.path}`} className="is-warning">
              <Icon name="warning" size={14} />
              <span>
                <span className="is-mono">{p.path}</span>: {p.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Index now" for a File Search node: syncs its Knowledge into its store, with progress and Cancel. */
export function IndexPanel({ nodeId }: { nodeId: string }) {
  const state = useKnowledgeStore((s) => s.byNode[nodeId]);
  const sync = useKnowledgeStore((s) => s.sync);
  const cancel = useKnowledgeStore((s) => s.cancel);
  const titleId = useId();
  const running = state?.running ?? false;
  return (
    <section className="index-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h3 id={titleId} className="section-title">
          Index
        </h3>
        {running ? (
          <button type="button" className="secondary-button" onClick={() => void cancel(nodeId)}>
            Cancel indexing
          </button>
        ) : (
          <button type="button" className="secondary-button" onClick={() => void sync(nodeId)}>
            Index now
          </button>
        )}
      </div>
      <p className="field-help">Reads the wired Knowledge into this tool’s store; only changed files are read again.</p>
      {running && state && <Progress state={state} />}
      {state?.error && (
        <p className="field-problem is-error" role="alert">
          {state.error.message}
        </p>
      )}
      {state && !running && <Report state={state} />}
    </section>
  );
}
