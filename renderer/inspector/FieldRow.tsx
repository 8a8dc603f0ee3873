import { memo, useCallback, useId } from 'react';
import type { Problem } from '../../shared/validation/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { CodeControl, JsonSchemaControl } from './fields/CodeControls.tsx';
import { KeyValueControl, ListControl } from './fields/ListControls.tsx';
import { NumberControl, SelectControl, TextControl, ToggleControl } from './fields/SimpleControls.tsx';
import type { AnyField } from './fields/types.ts';

interface FieldRowProps {
  nodeId: string;
  field: AnyField;
  value: unknown;
  problems: readonly Problem[];
  /** The value of the kind's parameters schema field, for TypeScript handler editors. */
  parameters: unknown;
}

/** One field: label, the control for its type, help text, and the problems about it. */
export const FieldRow = memo(function FieldRow({ nodeId, field, value, problems, parameters }: FieldRowProps) {
  const inputId = useId();
  const helpId = useId();
  const updateNodeData = useProjectStore((s) => s.updateNodeData);
  const onChange = useCallback(
    (next: unknown, typing: boolean) => {
      updateNodeData(nodeId, { [field.key]: next }, typing ? { coalesceKey: `${nodeId}:${field.key}` } : {});
    },
    [updateNodeData, nodeId, field.key],
  );

  const common = { value, nodeId, inputId, helpId: field.help ? helpId : undefined, problems, onChange };
  const control = (() => {
    switch (field.type) {
      case 'text':
        return <TextControl field={field} {...common} />;
      case 'number':
        return <NumberControl field={field} {...common} />;
      case 'select':
        return <SelectControl field={field} {...common} />;
      case 'toggle':
        return <ToggleControl field={field} {...common} />;
      case 'code':
        return <CodeControl field={field} {...common} parameters={parameters} />;
      case 'jsonSchema':
        return <JsonSchemaControl field={field} {...common} />;
      case 'keyValue':
        return <KeyValueControl field={field} {...common} />;
      case 'paths':
        return <ListControl field={field} {...common} variant="paths" />;
      case 'tags':
        return <ListControl field={field} {...common} variant="tags" />;
    }
  })();

  // Monaco's text area takes its name from the editor's ariaLabel; a <label for> cannot reach it.
  const labelTarget = field.type === 'code' || field.type === 'jsonSchema' ? undefined : inputId;
  // Problems with a pointer are marked inside the editor as well as listed under the field.
  return (
    <div className={`field field-${field.type}`}>
      <div className="field-label-row">
        {labelTarget ? <label htmlFor={labelTarget}>{field.label}</label> : <span className="field-label">{field.label}</span>}
      </div>
      {control}
      {field.help && (
        <p id={helpId} className="field-help">
          {field.help}
        </p>
      )}
      {problems.map((p) => (
        <p key={p.id} className={`field-problem is-${p.severity}`}>
          {p.message}
        </p>
      ))}
    </div>
  );
});
