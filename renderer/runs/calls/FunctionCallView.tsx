import type { ReactNode } from 'react';
import type { FunctionToolCall } from '../../../shared/runtime/steps.ts';
import { CodeBlock } from '../CodeBlock.tsx';
import { formatJsonText } from '../format.ts';
import { useRunStore } from '../runStore.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="call-section">
      <h5>{title}</h5>
      {children}
    </div>
  );
}

const nameOf = (call: FunctionToolCall) => call.function.name || 'function';

/** After the kind in a function call's title: the function's name, and a spinner while its handler runs. */
export function FunctionCallTitle({ call }: { call: FunctionToolCall }) {
  const running = useRunStore((s) => Object.hasOwn(s.fold.handlers, call.id));
  return (
    <>
      {' '}
      <code>{nameOf(call)}</code>
      {running && (
        <span className="call-running">
          <span className="spinner" aria-hidden="true" /> running
        </span>
      )}
    </>
  );
}

/** A function call: the arguments the model passed, the output it got back, and the handler's log lines. */
export function FunctionCallBody({ call }: { call: FunctionToolCall }) {
  const name = nameOf(call);
  const output = call.function.output === null ? null : formatJsonText(call.function.output).text;
  return (
    <>
      <Section title="Arguments">
        <CodeBlock label={`Arguments of ${name}`}>{formatJsonText(call.function.arguments).text || '(none yet)'}</CodeBlock>
      </Section>
      <Section title="Output">
        {output === null ? <p className="muted small">No output yet</p> : <CodeBlock label={`Output of ${name}`}>{output}</CodeBlock>}
      </Section>
      {call.logs.length > 0 && (
        <Section title="Handler logs">
          <CodeBlock label={`Handler logs of ${name}`}>{call.logs.join('\n')}</CodeBlock>
        </Section>
      )}
    </>
  );
}
