import { memo, useMemo } from 'react';
import { kindOf } from '../../shared/kinds/index.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { Icon } from '../components/Icon.tsx';
import type { ShownProblem } from '../knowledge/knowledgeProblems.ts';
import { selectKnowledgeWarnings, useKnowledgeStore } from '../knowledge/knowledgeStore.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { selectProblems } from '../stores/problems.ts';
import { useUiStore } from '../stores/uiStore.ts';

/** Rows drawn at most; a huge graph can have thousands of warnings and the list must stay responsive. */
const MAX_ROWS = 300;

const ProblemRow = memo(function ProblemRow({ problem, where, onReveal }: { problem: ShownProblem; where: string; onReveal: (nodeId: string) => void }) {
  const { nodeId, severity } = problem;
  return (
    <li>
      <button type="button" className={`problem-row is-${severity}`} onClick={() => nodeId && onReveal(nodeId)} disabled={!nodeId}>
        <span className="problem-icon" role="img" aria-label={severity === 'error' ? 'Error' : 'Warning'}>
          <Icon name={severity === 'error' ? 'error' : 'warning'} size={14} />
        </span>
        <span className="problem-where">{where}</span>
        <span className="problem-message">{problem.message}</span>
      </button>
    </li>
  );
});

/** Every problem of the project; choosing one selects its node and brings it into view. */
export function ProblemsPanel() {
  const index = useProjectStore(selectProblems);
  const knowledge = useKnowledgeStore(selectKnowledgeWarnings);
  const all = useMemo((): readonly ShownProblem[] => (knowledge.length === 0 ? index.all : [...index.all, ...knowledge]), [index, knowledge]);
  const toggle = useUiStore((s) => s.toggleProblems);
  const canvas = useCanvasActions();

  // Errors first, then warnings, each in graph order. Node labels come from node data, and any data
  // change produces a new problem index, so reading the nodes here (without subscribing to every
  // move) is always current.
  const rows = useMemo(() => {
    const nodes = new Map(useProjectStore.getState().project.nodes.map((n) => [n.id as string, n]));
    const where = (p: ShownProblem) => {
      const node = p.nodeId ? nodes.get(p.nodeId) : undefined;
      if (!node) return p.nodeId ? 'Removed node' : 'Project';
      const def = kindOf(node.kind);
      return `${def.title} · ${def.label(node.data)}`;
    };
    const sorted = [...all].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return sorted.slice(0, MAX_ROWS).map((problem) => ({ problem, where: where(problem) }));
  }, [all]);

  return (
    <section className="problems-panel" aria-labelledby="problems-title">
      <header className="panel-header">
        <h2 id="problems-title" className="panel-title">
          Problems
        </h2>
        <span className="panel-meta">
          {index.errors} errors · {index.warnings + knowledge.length} warnings
        </span>
        <button type="button" className="icon-button" aria-label="Hide problems" onClick={toggle}>
          ✕
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="empty-state">
          <Icon name="check" /> No problems
        </p>
      ) : (
        <ul className="problem-list">
          {rows.map(({ problem, where }) => (
            <ProblemRow key={problem.id} problem={problem} where={where} onReveal={canvas.revealNode} />
          ))}
          {all.length > rows.length && (
            <li className="problem-more muted small">
              Showing the first {rows.length} of {all.length} problems.
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
