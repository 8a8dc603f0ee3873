import type { RunStep } from '../../shared/runtime/steps.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { useRunStore } from './runStore.ts';

const TOOL_KINDS = new Set(['function', 'fileSearch', 'codeInterpreter']);

/** Whether a run's steps hold a call from the node. */
const callsNode = (steps: readonly RunStep[] | undefined, nodeId: string): boolean =>
  (steps ?? []).some((s) => s.step_details.type === 'tool_calls' && s.step_details.tool_calls.some((c) => c.node_id === nodeId));

/** "Show its last calls" of a tool node: the Steps of the latest run of the thread on screen that called it. */
export function LastCallsButton({ nodeId, kind }: { nodeId: string; kind: string }) {
  const runId = useRunStore((s) => [...s.fold.view.runs].reverse().find((run) => callsNode(s.fold.view.steps[run.id], nodeId))?.id ?? null);
  const showSteps = useRunStore((s) => s.showSteps);
  if (!TOOL_KINDS.has(kind)) return null;
  const show = () => {
    if (runId === null) return;
    showSteps(runId);
    useUiStore.getState().setSideTab('run');
  };
  return (
    <button
      type="button"
      className="secondary-button"
      disabled={runId === null}
      title={runId === null ? 'No run of the thread on screen has called it yet.' : undefined}
      onClick={show}
    >
      Show its last calls
    </button>
  );
}
