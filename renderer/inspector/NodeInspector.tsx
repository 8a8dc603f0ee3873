import { useMemo, type CSSProperties } from 'react';
import { kindOf } from '../../shared/kinds/index.ts';
import type { Problem } from '../../shared/validation/index.ts';
import { Icon } from '../components/Icon.tsx';
import { selectKnowledgeWarnings, useKnowledgeStore } from '../knowledge/knowledgeStore.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { selectNodeProblems } from '../stores/problems.ts';
import { LastCallsButton } from '../runs/LastCalls.tsx';
import { FieldRow } from './FieldRow.tsx';
import { KIND_PANELS } from './kindPanels.ts';

const NONE: readonly Problem[] = [];

/** The form of one node, generated from its kind's declarative fields. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useProjectStore((s) => s.project.nodes.find((n) => n.id === nodeId));
  const validation = useProjectStore(useMemo(() => selectNodeProblems(nodeId), [nodeId]));
  const knowledge = useKnowledgeStore(selectKnowledgeWarnings);
  const problems = useMemo(() => [...validation, ...knowledge.filter((p) => p.nodeId === nodeId)], [validation, knowledge, nodeId]);
  const deleteElements = useProjectStore((s) => s.deleteElements);

  const byField = useMemo(() => {
    const map = new Map<string, Problem[]>();
    for (const p of validation) {
      if (p.field === null) continue;
      map.set(p.field, [...(map.get(p.field) ?? []), p]);
    }
    return map;
  }, [validation]);

  if (!node) return null;
  const def = kindOf(node.kind);
  const data: Readonly<Record<string, unknown>> = node.data;
  const parametersField = def.fields.find((f) => f.type === 'jsonSchema' && f.role === 'parameters');
  const parameters = parametersField ? data[parametersField.key] : undefined;
  const visible = def.fields.filter((f) => !f.visible || f.visible(data));
  const { Panel, Action } = KIND_PANELS[node.kind];

  return (
    <div className="node-inspector" style={{ '--accent': def.accent } as CSSProperties}>
      <header className="inspector-header">
        <span className="inspector-kind">
          <span className="kind-dot" aria-hidden="true" />
          {def.title}
        </span>
        <h2 className="inspector-title">{def.label(data)}</h2>
        <p className="inspector-description">{def.description}</p>
      </header>
      {problems.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems with this node">
          {problems.map((p) => (
            <li key={p.id} className={`is-${p.severity}`}>
              <Icon name={p.severity === 'error' ? 'error' : 'warning'} size={14} />
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      )}
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()} aria-label={`${def.title} settings`}>
        {visible.map((field) => (
          <FieldRow
            key={`${nodeId}:${field.key}`}
            nodeId={nodeId}
            field={field}
            value={data[field.key]}
            problems={byField.get(field.key) ?? NONE}
            parameters={parameters}
          />
        ))}
      </form>
      {Panel && (
        <div className="inspector-form">
          <Panel nodeId={nodeId} />
        </div>
      )}
      <div className="inspector-footer">
        {Action && <Action nodeId={nodeId} />}
        <LastCallsButton nodeId={nodeId} kind={node.kind} />
        <button type="button" className="danger-button" onClick={() => deleteElements([nodeId], [])}>
          <Icon name="trash" size={14} /> Delete {def.title}
        </button>
      </div>
    </div>
  );
}
