import { useEffect, useId, useRef, useState } from 'react';
import type { HandlerTestResult } from '../../shared/ipc/runtimeChannels.ts';
import { invoke, toAppError } from '../api/index.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { selectIsUnreviewed, unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { CodeBlock } from './CodeBlock.tsx';
import { formatDurationMs, formatJsonText, formatJsonValue } from './format.ts';
import { useRunStore } from './runStore.ts';
import { ReviewBanner, TrustBanner } from './TrustBanner.tsx';
import './runs.css';

type Outcome =
  | { type: 'idle' }
  | { type: 'running' }
  | { type: 'done'; result: HandlerTestResult }
  | { type: 'failed'; message: string; details: readonly string[] };

/** Arguments typed by the user: empty means "let the app make sample arguments from the schema". */
function parseArgs(text: string): { ok: true; args: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, args: undefined };
  try {
    return { ok: true, args: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `The arguments are not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The Function inspector's "Test handler": runs the handler once and shows its output, logs, duration and error. */
export function HandlerTestPanel({ nodeId }: { nodeId: string }) {
  const [argsText, setArgsText] = useState('');
  const [argsProblem, setArgsProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ type: 'idle' });
  const trust = useRunStore((s) => s.trust);
  const argsId = useId();
  const problemId = useId();
  const headingId = useId();
  const resultRef = useRef<HTMLDivElement>(null);
  // The result lands below the fold of a long inspector; bring it to the user who asked for it.
  useEffect(() => {
    if (outcome.type === 'done' || outcome.type === 'failed') resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [outcome]);

  const run = async () => {
    const parsed = parseArgs(argsText);
    if (!parsed.ok) {
      setArgsProblem(parsed.message);
      return;
    }
    setArgsProblem(null);
    setOutcome({ type: 'running' });
    const state = useProjectStore.getState();
    const { project, path } = state;
    try {
      const base = { project, projectPath: path, nodeId, unreviewed: unreviewedNodes(state) };
      const request = parsed.args === undefined ? base : { ...base, args: parsed.args };
      setOutcome({ type: 'done', result: await invoke('app:handlers/test', request) });
    } catch (error) {
      const app = toAppError(error);
      setOutcome({ type: 'failed', message: app.message, details: app.details ?? [] });
    }
  };

  const path = useProjectStore((s) => s.path);
  const result = outcome.type === 'done' ? outcome.result : null;
  const waitsForReview = useProjectStore(selectIsUnreviewed(nodeId));
  const refused = result?.error?.code === 'untrusted';
  const untrusted = refused && path !== null && !(trust?.path === path && trust.trusted);

  return (
    <section className="handler-test" aria-labelledby={headingId}>
      <div>
        <h3 id={headingId} className="handler-test-title">
          Handler test
        </h3>
        <p className="handler-test-help">Runs the handler once, as a run would, and shows what it returned and logged.</p>
      </div>
      <div className="field">
        <label htmlFor={argsId}>Test arguments (JSON)</label>
        <textarea
          id={argsId}
          className="is-mono"
          rows={3}
          value={argsText}
          placeholder="Empty: sample arguments made from the parameters schema"
          aria-invalid={argsProblem !== null}
          aria-describedby={argsProblem === null ? undefined : problemId}
          onChange={(e) => setArgsText(e.target.value)}
        />
        {argsProblem !== null && (
          <p id={problemId} className="field-problem is-error">
            {argsProblem}
          </p>
        )}
      </div>
      <div>
        <button type="button" className="secondary-button" disabled={outcome.type === 'running'} onClick={() => void run()}>
          {outcome.type === 'running' ? 'Running…' : 'Test handler'}
        </button>
      </div>
      <div ref={resultRef} aria-live="polite" className="handler-test-result">
        {outcome.type === 'failed' && (
          <div className="run-banner is-error" role="alert">
            <div className="run-banner-text">
              <strong>The test could not run</strong>
              <p>{outcome.message}</p>
              {outcome.details.length > 0 && (
                <ul>
                  {keyedLines(outcome.details).map(({ key, item }) => (
                    <li key={key}>{item}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
        {untrusted && path !== null && <TrustBanner path={path} />}
        {refused && !untrusted && waitsForReview && <ReviewBanner path={path} count={1} />}
        {result && <TestResult result={result} />}
      </div>
    </section>
  );
}

function TestResult({ result }: { result: HandlerTestResult }) {
  return (
    <div className="test-result">
      <p className="muted small">
        {result.error ? 'Failed' : 'Finished'} in {formatDurationMs(result.durationMs)}
      </p>
      {result.error && (
        <p className="call-error">
          <strong>{result.error.code}</strong>: {result.error.message}
        </p>
      )}
      <h5>Arguments</h5>
      <CodeBlock label="Arguments the handler ran with">{formatJsonValue(result.args)}</CodeBlock>
      <h5>Output</h5>
      <CodeBlock label="Handler output">{formatJsonText(result.output).text}</CodeBlock>
      <h5>Logs</h5>
      {result.logs.length === 0 ? <p className="muted small">No log lines</p> : <CodeBlock label="Handler logs">{result.logs.join('\n')}</CodeBlock>}
    </div>
  );
}
