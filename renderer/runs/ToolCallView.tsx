import type { ToolCall, ToolCallOf, ToolType } from '../../shared/runtime/steps.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { toolCallUi } from './calls/index.ts';
import { formatDurationMs } from './format.ts';

function CallFooter({ call }: { call: ToolCall }) {
  return (
    <>
      {call.error && (
        <p className="call-error" role="alert">
          <strong>{call.error.code}</strong>: {call.error.message}
        </p>
      )}
      {call.duration_ms !== null && <p className="muted small">Took {formatDurationMs(call.duration_ms)}</p>}
    </>
  );
}

/** Selects the node the call came from on the canvas and brings it into view. */
function ShowNode({ nodeId }: { nodeId: string }) {
  const canvas = useCanvasActions();
  const exists = useProjectStore((s) => s.project.nodes.some((n) => n.id === nodeId));
  if (!exists) return null;
  return (
    <button type="button" className="link-button call-node" onClick={() => canvas.revealNode(nodeId)}>
      Show node
    </button>
  );
}

/** One tool call of a step with everything it carries; the view of its tool type (calls/) draws the title's detail and the body. */
export function ToolCallView<T extends ToolType>({ call }: { call: ToolCallOf<T> }) {
  const { kind, Title, Body } = toolCallUi(call);
  return (
    <li className="tool-call">
      <div className="call-title">
        <span className="call-kind">{kind}</span>
        {Title && <Title call={call} />}
        {call.node_id && <ShowNode nodeId={call.node_id} />}
      </div>
      <Body call={call} />
      <CallFooter call={call} />
    </li>
  );
}
