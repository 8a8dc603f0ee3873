import { memo } from 'react';
import { CallProblems } from './CallProblems.tsx';
import type { CodeInterpreterToolCall } from '../../../shared/runtime/steps.ts';
import { RuntimeFileChip, RuntimeImage } from '../../files/RuntimeFile.tsx';
import { CodeBlock } from '../CodeBlock.tsx';
import { pythonTokens } from '../pythonTokens.ts';

/** Python, highlighted with a small tokenizer: Monaco would be too heavy for every step of a long run. */
const PythonCode = memo(function PythonCode({ code }: { code: string }) {
  return (
    <CodeBlock className="is-python" label="Code the model ran">
      {pythonTokens(code).map((t) =>
        t.kind === 'plain' ? (
          t.text
        ) : (
          <span key={t.start} className={`py-${t.kind}`}>
            {t.text}
          </span>
        ),
      )}
    </CodeBlock>
  );
});

/** A code interpreter call: the code, its logs and images in order, the files it wrote, and what could not be copied in. */
export function CodeInterpreterCallBody({ call }: { call: CodeInterpreterToolCall }) {
  const { input, outputs, files, problems, sandbox } = call.code_interpreter;
  return (
    <>
      {sandbox === 'none' && (
        <p className="call-error" role="note">
          Ran without a sandbox: the code could read and write anything your account can.
        </p>
      )}
      <div className="call-section">
        <h5>Code</h5>
        {input ? <PythonCode code={input} /> : <p className="muted small">(none yet)</p>}
      </div>
      {outputs.map((o, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an output has no id, and the step reports the whole list in its order, so its position is its identity
        <div key={i} className="call-section">
          {o.type === 'logs' ? (
            <>
              <h5>Logs</h5>
              <CodeBlock className="is-logs" label="Code interpreter logs">
                {o.logs}
              </CodeBlock>
            </>
          ) : (
            <>
              <h5>Image</h5>
              <RuntimeImage fileId={o.image.file_id} />
            </>
          )}
        </div>
      ))}
      {files && files.length > 0 && (
        <div className="call-section">
          <h5>Files</h5>
          <ul className="call-files" aria-label="Files the code wrote">
            {files.map((f) => (
              <li key={f.file_id}>
                <RuntimeFileChip fileId={f.file_id} label={f.name} /> <span className="muted small is-mono">{f.path}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CallProblems title="Not copied in" problems={problems} />
    </>
  );
}
