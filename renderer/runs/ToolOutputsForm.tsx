import { useId, useState } from 'react';
import type { Run } from '../../shared/runtime/objects.ts';
import { CodeBlock } from './CodeBlock.tsx';
import { formatJsonText } from './format.ts';
import { useRunStore } from './runStore.ts';

/** The run waits for the user to type each output of the calls made to "ask me" Functions. */
export function ToolOutputsForm({ run }: { run: Run }) {
  const calls = run.required_action?.submit_tool_outputs.tool_calls ?? [];
  const submit = useRunStore((s) => s.submitToolOutputs);
  const [outputs, setOutputs] = useState<Readonly<Record<string, string>>>({});
  const [sending, setSending] = useState(false);
  const titleId = useId();
  const baseId = useId();
  if (calls.length === 0) return null;
  const onSubmit = async () => {
    setSending(true);
    const sent = await submit(
      run.id,
      calls.map((c) => ({ tool_call_id: c.id, output: outputs[c.id] ?? '' })),
    );
    setSending(false);
    if (sent) setOutputs({});
  };
  return (
    <form
      className="tool-outputs"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id={titleId}>The assistant is waiting for {calls.length === 1 ? 'a tool output' : `${calls.length} tool outputs`}</h3>
      {calls.map((call, i) => {
        const same = calls.filter((c) => c.function.name === call.function.name).length > 1;
        const label = `Output for ${call.function.name}${same ? ` (${i + 1})` : ''}`;
        return (
          <div key={call.id} className="tool-output-call">
            <div className="tool-call-name">
              <code>{call.function.name}</code> <span className="muted small">{call.id}</span>
            </div>
            <CodeBlock label={`Arguments of ${call.function.name}`}>{formatJsonText(call.function.arguments).text}</CodeBlock>
            <label htmlFor={`${baseId}-${i}`}>{label}</label>
            <textarea
              id={`${baseId}-${i}`}
              className="is-mono"
              rows={3}
              value={outputs[call.id] ?? ''}
              onChange={(e) => setOutputs({ ...outputs, [call.id]: e.target.value })}
            />
          </div>
        );
      })}
      <div className="tool-outputs-actions">
        <button type="submit" className="primary-button" disabled={sending}>
          Submit outputs
        </button>
      </div>
    </form>
  );
}
