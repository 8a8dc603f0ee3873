import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { locatePointer } from '../../../shared/json/locate.ts';
import { handlerTypeDefinitions } from '../../../shared/validation/index.ts';
import type { EditorMarker } from '../../editor/CodeEditor.tsx';
import { asString, type ControlProps, type FieldOf } from './types.ts';

// Monaco is large; it loads the first time an editor field is shown, never for the canvas.
const CodeEditor = lazy(() => import('../../editor/CodeEditor.tsx'));

function EditorFallback({ height }: { height: number }) {
  return <div className="code-editor is-loading" style={{ height }} aria-hidden="true" />;
}

export function CodeControl({
  field,
  value,
  nodeId,
  onChange,
  parameters,
}: ControlProps<FieldOf<'code'>> & {
  /** The kind's parameters schema, when it has one; gives a TypeScript handler its `Args` type. */
  parameters: unknown;
}) {
  const typescript = field.language === 'typescript';
  const extraLib = useMemo(() => (typescript ? handlerTypeDefinitions(parameters) : undefined), [typescript, parameters]);
  const height = field.height ?? 160;
  const extension = typescript ? 'ts' : field.language === 'markdown' ? 'md' : 'txt';
  return (
    <Suspense fallback={<EditorFallback height={height} />}>
      <CodeEditor
        path={`file:///studio/${nodeId}/${field.key}.${extension}`}
        language={field.language}
        value={asString(value)}
        onChange={(next) => onChange(next, true)}
        ariaLabel={field.label}
        height={height}
        extraLib={extraLib}
        expandTitle={field.label}
      />
    </Suspense>
  );
}

const toText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? {}, null, 2));

/**
 * JSON Schema in Monaco. The text stays exactly as typed; the store gets the parsed value when the text
 * parses and the raw text otherwise, which validation then reports.
 */
export function JsonSchemaControl({ field, value, nodeId, problems, onChange }: ControlProps<FieldOf<'jsonSchema'>>) {
  const [text, setText] = useState(() => toText(value));
  const emitted = useRef<unknown>(value);
  useEffect(() => {
    // A change that did not come from this editor (undo, paste of another node) replaces the text.
    if (value !== emitted.current) {
      emitted.current = value;
      setText(toText(value));
    }
  }, [value]);

  const markers = useMemo<EditorMarker[]>(
    () =>
      problems.flatMap((p) => {
        if (p.pointer === undefined) return [];
        const span = locatePointer(text, p.pointer);
        return span ? [{ ...span, message: p.message, severity: p.severity }] : [];
      }),
    [problems, text],
  );

  const handleChange = (next: string) => {
    setText(next);
    let stored: unknown = next;
    try {
      stored = JSON.parse(next);
    } catch {
      // Kept as text; validation explains what is wrong.
    }
    emitted.current = stored;
    onChange(stored, true);
  };

  return (
    <Suspense fallback={<EditorFallback height={220} />}>
      <CodeEditor
        path={`file:///studio/${nodeId}/${field.key}.json`}
        language="json"
        value={text}
        onChange={handleChange}
        ariaLabel={field.label}
        height={220}
        markers={markers}
        expandTitle={field.label}
      />
    </Suspense>
  );
}
