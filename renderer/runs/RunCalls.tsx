import { memo, useEffect } from 'react';
import type { RunStep, ToolCall } from '../../shared/runtime/steps.ts';
import { formatDurationMs } from './format.ts';
import { selectStepsOf, useRunStore } from './runStore.ts';
import { plural } from '../components/plural.ts';

/** A tool call in a few words, as the chat lists it: what was searched, run or called, and how it went. */
function callSummary(call: ToolCall): string {
  const took = call.duration_ms === null ? '' : `, ${formatDurationMs(call.duration_ms)}`;
  const failed = call.error ? ` (failed: ${call.error.code})` : '';
  switch (call.type) {
    case 'file_search': {
      const query = call.file_search.query ?? call.file_search.queries?.[0];
      const results = call.file_search.results;
      return `Searched${query ? ` “${query}”` : ''}${results ? `, ${plural(results.length, 'result')}` : ''}${took}${failed}`;
    }
    case 'code_interpreter':
      return `Ran Python${took}${failed}`;
    case 'function': {
      const args = call.function.arguments.length > 40 ? `${call.function.arguments.slice(0, 39)}…` : call.function.arguments;
      return `${call.function.name}(${args || '…'})${took}${failed}`;
    }
  }
}

const callsOf = (steps: readonly RunStep[]): ToolCall[] => steps.flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []));

/** The tool calls of a run, inline in the conversation; each opens the run's steps. */
export const RunCalls = memo(function RunCalls({ runId, onShowSteps }: { runId: string; onShowSteps: (runId: string) => void }) {
  const steps = useRunStore(selectStepsOf(runId));
  const loadSteps = useRunStore((s) => s.loadSteps);
  useEffect(() => {
    if (steps === null) void loadSteps(runId);
  }, [steps, loadSteps, runId]);
  const calls = callsOf(steps ?? []);
  if (calls.length === 0) return null;
  return (
    <ul className="chat-calls" aria-label="Tool calls">
      {calls.map((call) => (
        <li key={call.id}>
          <button type="button" className={`chat-call is-${call.type}${call.error ? ' is-failed' : ''}`} onClick={() => onShowSteps(runId)}>
            {callSummary(call)}
          </button>
        </li>
      ))}
    </ul>
  );
});
