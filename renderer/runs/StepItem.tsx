import { memo, useId, useState } from 'react';
import type { RunStep } from '../../shared/runtime/steps.ts';
import { toolCallUi } from './calls/index.ts';
import { formatSeconds, statusWord, stepDurationSeconds, stepTypeLabel } from './format.ts';
import { RawJson } from './RawJson.tsx';
import { useRunStore } from './runStore.ts';
import { ToolCallView } from './ToolCallView.tsx';

function MessagePreview({ messageId }: { messageId: string }) {
  const text = useRunStore((s) => {
    const message = s.fold.view.messages.find((m) => m.id === messageId);
    const part = message?.content.find((c) => c.type === 'text');
    return part?.type === 'text' ? part.text.value : null;
  });
  return (
    <div className="step-message">
      <p className="muted small">
        Wrote message <code>{messageId}</code>
      </p>
      {text !== null && <p className="step-message-text">{text.length > 400 ? `${text.slice(0, 400)}…` : text}</p>}
    </div>
  );
}

/** One run step: a disclosure whose summary names its type and status, expanding to its details. */
export const StepItem = memo(function StepItem({ step, index }: { step: RunStep; index: number }) {
  const [open, setOpen] = useState(step.type === 'tool_calls');
  const id = useId();
  const duration = stepDurationSeconds(step);
  const calls = step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : [];
  const names = calls.map((c) => toolCallUi(c).name(c));
  return (
    <li className={`step is-${step.status}`}>
      <button
        type="button"
        className="step-summary"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`${stepTypeLabel(step)}, ${statusWord(step.status)}`}
        onClick={() => setOpen(!open)}
      >
        <span className="step-chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="step-index">{index + 1}</span>
        <span className="step-type">{stepTypeLabel(step).replace(' step', '')}</span>
        {names.length > 0 && <span className="step-names">{names.join(', ')}</span>}
        <span className="spacer" />
        <span className={`status-pill is-${step.status}`}>{statusWord(step.status)}</span>
        <span className="step-fact">{duration === null ? '…' : formatSeconds(duration)}</span>
        <span className="step-fact">{step.usage ? `${step.usage.total_tokens.toLocaleString('en-US')} tok` : '–'}</span>
      </button>
      {open && (
        <div id={id} className="step-details">
          {step.last_error && (
            <p className="call-error" role="alert">
              <strong>{step.last_error.code}</strong>: {step.last_error.message}
            </p>
          )}
          {step.step_details.type === 'message_creation' ? (
            <MessagePreview messageId={step.step_details.message_creation.message_id} />
          ) : (
            <ul className="tool-calls" aria-label="Tool calls">
              {calls.map((call, i) => (
                <ToolCallView key={call.id || i} call={call} />
              ))}
            </ul>
          )}
          {step.usage && (
            <p className="muted small">
              {step.usage.prompt_tokens.toLocaleString('en-US')} prompt + {step.usage.completion_tokens.toLocaleString('en-US')} completion tokens
            </p>
          )}
          <RawJson value={step} of={`step ${index + 1}`} />
        </div>
      )}
    </li>
  );
});
