import { useId, useState } from 'react';
import { CodeBlock } from './CodeBlock.tsx';
import { formatJsonValue } from './format.ts';

/** A disclosure with an object's JSON, formatted and read-only. */
export function RawJson({ value, of }: { value: unknown; of: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="raw-json">
      <button type="button" className="link-button" aria-expanded={open} aria-controls={id} aria-label={`Raw JSON of ${of}`} onClick={() => setOpen(!open)}>
        {open ? 'Hide raw JSON' : 'Raw JSON'}
      </button>
      {open && (
        <CodeBlock id={id} label={`JSON of ${of}`}>
          {formatJsonValue(value)}
        </CodeBlock>
      )}
    </div>
  );
}
