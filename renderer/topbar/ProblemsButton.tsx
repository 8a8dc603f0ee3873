import { useId } from 'react';
import { Icon } from '../components/Icon.tsx';
import { selectKnowledgeWarnings, useKnowledgeStore } from '../knowledge/knowledgeStore.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { problemIndex } from '../stores/problems.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { plural } from '../components/plural.ts';

export function ProblemsButton({ onClick }: { onClick: () => void }) {
  const errors = useProjectStore((s) => problemIndex(s.project).errors);
  const validationWarnings = useProjectStore((s) => problemIndex(s.project).warnings);
  const warnings = validationWarnings + useKnowledgeStore((s) => selectKnowledgeWarnings(s).length);
  const open = useUiStore((s) => s.problemsOpen);
  const descriptionId = useId();
  const summary = errors + warnings === 0 ? 'No problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  return (
    <button
      type="button"
      className={`problems-button${errors > 0 ? ' has-errors' : warnings > 0 ? ' has-warnings' : ''}`}
      aria-label="Problems"
      aria-describedby={descriptionId}
      aria-pressed={open}
      title={summary}
      onClick={onClick}
    >
      <span className="count is-error">
        <Icon name="error" size={14} />
        {errors}
      </span>
      <span className="count is-warning">
        <Icon name="warning" size={14} />
        {warnings}
      </span>
      <span id={descriptionId} className="visually-hidden">
        {summary}
      </span>
    </button>
  );
}
