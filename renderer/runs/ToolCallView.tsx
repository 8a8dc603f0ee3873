import type { ReactNode } from 'react';
import type { CodeInterpreterToolCall, FileSearchToolCall, FunctionToolCall, ToolCall } from '../../shared/runtime/steps.ts';
import { CodeInterpreterCallBody } from './CodeInterpreterCallView.tsx';
import { FileSearchCallBody } from './FileSearchCallView.tsx';
import { formatDurationMs, formatJsonText } from './format.ts';
import { useRunStore } from './runStore.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="call-section">
      <h5>{title}</h5>
      {children}
    </div>
  );
}

function Code({ text, label }: { text: string; label: string }) {
  return <pre className="code-block" tabIndex={0} aria-label={label}>{text}</pre>;
}

function CallFooter({ call }: { call: ToolCall }) {
  return (
    <>
      {call.error && (
        <p className="call-error" role="alert"><strong>{call.error.code}</strong>: {call.error.message}</p>
      )}
      {call.duration_ms !== null && <p className="muted small">Took {formatDurationMs(call.duration_ms)}</p>}
    </>
  );
}

function FunctionCall({ call }: { call: FunctionToolCall }) {
  const running = useRunStore((s) => Object.hasOwn(s.fold.handlers, call.id));
  const name = call.function.name || 'function';
  const output = call.function.output === null ? null : formatJsonText(call.function.output).text;
  return (
    <>
      <div className="call-title">
        <span className="call-kind">Function</span> <code>{name}</code>
        {running && <span className="call-running"><span className="spinner" aria-hidden="true" /> running</span>}
      </div>
      <Section title="Arguments"><Code text={formatJsonText(call.function.arguments).text || '(none yet)'} label={`Arguments of ${name}`} /></Section>
      <Section title="Output">
        {output === null ? <p className="muted small">No output yet</p> : <Code text={output} label={`Output of ${name}`} />}
      </Section>
      {call.logs.length > 0 && <Section title="Handler logs"><Code text={call.logs.join('\n')} label={`Handler logs of ${name}`} /></Section>}
      <CallFooter call={call} />
    </>
  );
}

function FileSearchCall({ call }: { call: FileSearchToolCall }) {
  return (
    <>
      <div className="call-title"><span className="call-kind">File search</span></div>
      <FileSearchCallBody call={call} />
      <CallFooter call={call} />
    </>
  );
}

function CodeInterpreterCall({ call }: { call: CodeInterpreterToolCall }) {
  return (
    <>
      <div className="call-title"><span className="call-kind">Code interpreter</span></div>
      <CodeInterpreterCallBody call={call} />
      <CallFooter call={call} />
    </>
  );
}

/** One tool call of a step with everything it carries. */
export function ToolCallView({ call }: { call: ToolCall }) {
  return (
    <li className="tool-call">
      {call.type === 'function' ? <FunctionCall call={call} />
        : call.type === 'file_search' ? <FileSearchCall call={call} />
          : <CodeInterpreterCall call={call} />}
    </li>
  );
}
