import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { keyedLines } from '../../components/contentKeys.ts';
import { Icon } from '../../components/Icon.tsx';
import { asRecord, asStrings, type ControlProps, type FieldOf } from './types.ts';

type Row = { id: number; key: string; value: string };
// A record's entries have no identity of their own (a key is edited like the value); the id keeps a
// row's inputs and focus with it when a row above it is removed.
let lastRowId = 0;
const newRow = (key: string, value: string): Row => ({ id: ++lastRowId, key, value });
const toRows = (record: Record<string, string>): Row[] => Object.entries(record).map(([key, value]) => newRow(key, value));
const toRecord = (rows: readonly Row[]): Record<string, string> => Object.fromEntries(rows.filter((r) => r.key !== '').map((r) => [r.key, r.value]));

/** Key/value rows. Rows live locally so a half-typed or empty key does not vanish while editing. */
export function KeyValueControl({ field, value, inputId, onChange }: ControlProps<FieldOf<'keyValue'>>) {
  const record = asRecord(value);
  const [rows, setRows] = useState<Row[]>(() => toRows(record));
  const emitted = useRef(JSON.stringify(record));
  useEffect(() => {
    const incoming = JSON.stringify(asRecord(value));
    if (incoming !== emitted.current) {
      emitted.current = incoming;
      setRows(toRows(asRecord(value)));
    }
  }, [value]);

  const update = (next: Row[], typing: boolean) => {
    setRows(next);
    const out = toRecord(next);
    emitted.current = JSON.stringify(out);
    onChange(out, typing);
  };

  return (
    <div className="kv-control">
      {rows.length > 0 && (
        <div className="kv-rows">
          {rows.map((row, i) => (
            <div className="kv-row" key={row.id}>
              <input
                id={i === 0 ? inputId : undefined}
                aria-label={`${field.label} key ${i + 1}`}
                placeholder="key"
                className="is-mono"
                value={row.key}
                onChange={(e) =>
                  update(
                    rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)),
                    true,
                  )
                }
              />
              <input
                aria-label={`${field.label} value ${i + 1}`}
                placeholder="value"
                value={row.value}
                onChange={(e) =>
                  update(
                    rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)),
                    true,
                  )
                }
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${field.label} entry ${row.key || i + 1}`}
                onClick={() =>
                  update(
                    rows.filter((_, j) => j !== i),
                    false,
                  )
                }
              >
                <Icon name="trash" size={14} />
              </button>
            </div>
          ))}
        </div>
      )}
      <button type="button" className="text-button" id={rows.length === 0 ? inputId : undefined} onClick={() => setRows([...rows, newRow('', '')])}>
        <Icon name="plus" size={14} /> Add entry
      </button>
    </div>
  );
}

/** An editable list of strings: paths (one per line) or tags (chips). */
export function ListControl({
  field,
  value,
  inputId,
  helpId,
  onChange,
  variant,
}: ControlProps<FieldOf<'paths'> | FieldOf<'tags'>> & { variant: 'paths' | 'tags' }) {
  const items = asStrings(value);
  const [draft, setDraft] = useState('');

  const add = () => {
    const entries = (variant === 'tags' ? draft.split(',') : [draft]).map((s) => s.trim()).filter(Boolean);
    const fresh = entries.filter((entry, i) => !items.includes(entry) && entries.indexOf(entry) === i);
    setDraft('');
    if (fresh.length > 0) onChange([...items, ...fresh], false);
  };
  const remove = (index: number) =>
    onChange(
      items.filter((_, i) => i !== index),
      false,
    );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || (variant === 'tags' && e.key === ',')) {
      e.preventDefault();
      add();
    } else if (variant === 'tags' && e.key === 'Backspace' && draft === '' && items.length > 0) {
      remove(items.length - 1);
    }
  };

  const placeholder = field.type === 'tags' ? field.placeholder : 'docs/**/*.md';
  return (
    <div className={`list-control is-${variant}`}>
      {items.length > 0 && (
        <ul className={variant === 'tags' ? 'chips' : 'path-list'}>
          {keyedLines(items).map(({ key, item }, i) => (
            <li key={key} className={variant === 'tags' ? 'chip' : 'path-item'}>
              <span className="is-mono">{item}</span>
              <button type="button" className="icon-button" aria-label={`Remove ${item}`} onClick={() => remove(i)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="list-add">
        <input
          id={inputId}
          className="is-mono"
          value={draft}
          placeholder={placeholder}
          aria-describedby={helpId}
          spellCheck={false}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => variant === 'tags' && add()}
        />
        <button type="button" className="text-button" onClick={add} disabled={draft.trim() === ''}>
          Add
        </button>
      </div>
    </div>
  );
}
