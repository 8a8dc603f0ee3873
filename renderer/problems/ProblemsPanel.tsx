import { memo, useMemo } from 'react';
import { kindOf } from '../../shared/kinds/index.ts';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';
import { Icon } from '../components/Icon.tsx';
import { Splitter } from '../components/Splitter.tsx';
import type { ShownProblem } from '../knowledge/knowledgeProblems.ts';
import { selectKnowledgeWarnings, useKnowledgeStore } from '../knowledge/knowledgeStore.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { selectProblems } from '../stores/problems.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { plural } from '../components/plural.ts';

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
  const height = useUiStore((s) => s.problemsHeight);
  const setHeight = useUiStore((s) => s.setProblemsHeight);
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

  const folded = rows.length === 0;
  return (
    // Empty, the panel folds to its header: the canvas gets the room.
    <section className={`problems-panel${folded ? ' is-folded' : ''}`} aria-labelledby="problems-title">
      {!folded && (
        <Splitter
          label="Resize the problems panel"
          orientation="horizontal"
          direction={-1}
          value={height}
          min={80}
          max={Math.max(80, window.innerHeight - 48 - 200)}
          onChange={setHeight}
        />
      )}
      <header className="panel-header">
        <h2 id="problems-title" className="panel-title">
          Problems
        </h2>
        <span className="panel-meta">
          {folded ? (
            <span className="problems-none">
              <Icon name="check" size={14} /> No problems
            </span>
          ) : (
            `${plural(index.errors, 'error')} · ${plural(index.warnings + knowledge.length, 'warning')}`
          )}
        </span>
        <button type="button" className="icon-button" aria-label="Hide problems" onClick={toggle}>
          ✕
        </button>
      </header>
      {!folded && (
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
