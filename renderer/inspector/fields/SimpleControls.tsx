import { useEffect, useState } from 'react';
import { asString, type ControlProps, type FieldOf } from './types.ts';
import { ModelDatalist } from '../../components/ModelDatalist.tsx';

export function TextControl({ field, value, inputId, helpId, problems, onChange }: ControlProps<FieldOf<'text'>>) {
  const listId = `${inputId}-suggestions`;
  return (
    <>
      <input
        id={inputId}
        type="text"
        className={field.monospace ? 'is-mono' : undefined}
        value={asString(value)}
        placeholder={field.placeholder}
        spellCheck={!field.monospace}
        list={field.suggest === 'models' ? listId : undefined}
        aria-describedby={helpId}
        aria-invalid={problems.some((p) => p.severity === 'error') || undefined}
        onChange={(e) => onChange(e.target.value, true)}
      />
      {field.suggest === 'models' && <ModelDatalist id={listId} />}
    </>
  );
}

const formatNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/**
 * Keeps the text as typed ("0." or "-" are fine mid-typing) and stores a number whenever it parses.
 * Empty means "use the default" (null) for optional fields; required fields keep their last number.
 */
export function NumberControl({ field, value, inputId, helpId, problems, onChange }: ControlProps<FieldOf<'number'>>) {
  const [text, setText] = useState(() => formatNumber(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== '' ? current : formatNumber(value)));
  }, [value]);
  const parsed = text.trim() === '' ? null : Number(text);
  const missing = parsed === null && !field.optional;
  return (
    <>
      <input
        id={inputId}
        type="number"
        inputMode="decimal"
        value={text}
        min={field.min}
        max={field.max}
        step={field.step ?? 'any'}
        placeholder={field.optional ? 'Default' : undefined}
        aria-describedby={helpId}
        aria-invalid={missing || problems.some((p) => p.severity === 'error') || undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === '') {
            if (field.optional) onChange(null, true);
            return;
          }
          const n = Number(next);
          if (Number.isFinite(n)) onChange(n, true);
        }}
      />
      {missing && <p className="field-problem is-error">Enter a number.</p>}
    </>
  );
}

export function SelectControl({ field, value, inputId, helpId, onChange }: ControlProps<FieldOf<'select'>>) {
  const current = asString(value);
  const known = field.options.some((o) => o.value === current);
  return (
    <select id={inputId} value={current} aria-describedby={helpId} onChange={(e) => onChange(e.target.value, false)}>
      {field.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {!known && <option value={current}>{current || 'Not set'}</option>}
    </select>
  );
}

export function ToggleControl({ value, inputId, helpId, onChange }: ControlProps<FieldOf<'toggle'>>) {
  return (
    <input
      id={inputId}
      type="checkbox"
      // biome-ignore lint/a11y/useAriaPropsForRole: a checkbox input's checked state is the switch's aria-checked (HTML-AAM); ARIA in HTML says not to set aria-checked on it
      role="switch"
      className="switch"
      checked={value === true}
      aria-describedby={helpId}
      onChange={(e) => onChange(e.target.checked, false)}
    />
  );
}
