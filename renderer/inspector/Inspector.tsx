import { useId } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { ProjectDefaults } from '../topbar/ProjectDefaults.tsx';
import { NodeInspector } from './NodeInspector.tsx';

function ProjectInspector() {
  const name = useProjectStore((s) => s.project.name);
  const count = useProjectStore((s) => s.project.nodes.length);
  const updateProject = useProjectStore((s) => s.updateProject);
  const nameId = useId();
  return (
    <div className="project-inspector">
      <header className="inspector-header">
        <span className="inspector-kind">Project</span>
        <h2 className="inspector-title">Project settings</h2>
      </header>
      <form className="inspector-form" onSubmit={(e) => e.preventDefault()} aria-label="Project settings">
        <div className="field">
          <label htmlFor={nameId}>Name</label>
          <input id={nameId} value={name} onChange={(e) => updateProject({ name: e.target.value }, { coalesceKey: 'project:name' })} />
        </div>
        <ProjectDefaults layout="form" />
        <p className="field-help">Assistants without a model of their own use the default provider and model.</p>
      </form>
      <div className="inspector-help">
        <h3>Getting around</h3>
        <ul>
          <li>{count === 0 ? 'Add an Assistant from the palette to start.' : 'Select a node to edit its settings here.'}</li>
          <li>Drag from an output on the right of a node to an input on the left of another to wire them.</li>
          <li>
            Shift-drag on the canvas to select several nodes; press <kbd>?</kbd> for all shortcuts.
          </li>
        </ul>
      </div>
    </div>
  );
}

function MultiInspector({ nodes, edges }: { nodes: number; edges: number }) {
  const deleteSelection = useProjectStore((s) => s.deleteSelection);
  const parts = [nodes && `${nodes} node${nodes === 1 ? '' : 's'}`, edges && `${edges} wire${edges === 1 ? '' : 's'}`].filter(Boolean);
  return (
    <div className="multi-inspector">
      <header className="inspector-header">
        <span className="inspector-kind">Selection</span>
        <h2 className="inspector-title">{parts.join(' and ')} selected</h2>
      </header>
      <p className="inspector-description">Copy, cut, duplicate or delete them together, or drag to move them.</p>
      <div className="inspector-footer">
        <button type="button" className="danger-button" onClick={deleteSelection}>
          <Icon name="trash" size={14} /> Delete selection
        </button>
      </div>
    </div>
  );
}

/** Right-hand panel: the selected node's form, the selection, or the project settings. */
export function Inspector() {
  const nodeIds = useProjectStore((s) => s.selection.nodeIds);
  const edgeCount = useProjectStore((s) => s.selection.edgeIds.length);
  const single = nodeIds.length === 1 && edgeCount === 0 ? nodeIds[0] : undefined;
  return (
    <section className="inspector" aria-label="Inspector">
      {single !== undefined ? (
        <NodeInspector key={single} nodeId={single} />
      ) : nodeIds.length + edgeCount > 1 || (nodeIds.length === 0 && edgeCount === 1) ? (
        <MultiInspector nodes={nodeIds.length} edges={edgeCount} />
      ) : (
        <ProjectInspector />
      )}
    </section>
  );
}
