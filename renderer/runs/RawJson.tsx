import { useId, useState } from 'react';
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
        <pre id={id} className="code-block" tabIndex={0} aria-label={`JSON of ${of}`}>
          {formatJsonValue(value)}
        </pre>
      )}
    </div>
  );
}
