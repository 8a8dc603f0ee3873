import { useMemo } from 'react';
import { toolsOf } from '../../shared/graph/nodes.ts';
import type { AppError } from '../../shared/errors.ts';
import { keyedLines } from '../components/contentKeys.ts';
import { Icon } from '../components/Icon.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { selectProblems } from '../stores/problems.ts';

/** Why an export failed, with the errors of the assistant and of the tools wired into it. */
export function ExportProblems({ error, assistantNodeId }: { error: AppError; assistantNodeId: string }) {
  const index = useProjectStore(selectProblems);
  const project = useProjectStore((s) => s.project);
  const problems = useMemo(() => {
    const ids = new Set([assistantNodeId, ...toolsOf(project, assistantNodeId).map((n) => n.id as string)]);
    return index.all.filter((p) => p.severity === 'error' && (p.nodeId === null || ids.has(p.nodeId)));
  }, [index, project, assistantNodeId]);
  return (
    <div className="export-error" role="alert">
      <p>
        <strong>This assistant cannot be exported yet.</strong> {error.message}
      </p>
      {error.details && error.details.length > 0 && (
        <ul className="error-details">
          {keyedLines(error.details).map(({ key, item }) => (
            <li key={key}>{item}</li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul className="inspector-problems" aria-label="Problems to fix first">
          {problems.map((p) => (
            <li key={p.id} className="is-error">
              <Icon name="error" size={14} />
              <span>{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
