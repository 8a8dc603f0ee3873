import type { CSSProperties, DragEvent } from 'react';
import { KINDS, PALETTE_ORDER, type NodeKind } from '../../shared/kinds/index.ts';
import { KIND_DRAG_TYPE } from '../canvas/dragData.ts';
import { KindIcon } from '../components/Icon.tsx';
import { useCanvasActions } from '../canvas/useCanvasActions.ts';

/** Node kinds to add: click adds at the middle of the view, dragging drops where the pointer is. */
export function Palette() {
  const canvas = useCanvasActions();
  const onDragStart = (kind: NodeKind) => (event: DragEvent) => {
    event.dataTransfer.setData(KIND_DRAG_TYPE, kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Node palette">
      <h2 className="panel-title">Add nodes</h2>
      <ul>
        {PALETTE_ORDER.map((kind) => {
          const def = KINDS[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className="palette-item"
                style={{ '--accent': def.accent } as CSSProperties}
                aria-label={`Add ${def.title}`}
                aria-describedby={`palette-help-${kind}`}
                title={def.description}
                draggable
                onDragStart={onDragStart(kind)}
                onClick={() => canvas.addNodeAtCentre(kind)}
              >
                <span className="palette-swatch" aria-hidden="true">
                  <KindIcon path={def.icon} size={16} />
                </span>
                <span className="palette-text">
                  <span className="palette-name">{def.title}</span>
                  <span id={`palette-help-${kind}`} className="palette-help">
                    {def.description}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <p className="palette-hint">Drag onto the canvas, or click to add in the middle. Wire outputs on the right into inputs on the left.</p>
    </nav>
  );
}
