import { ReactFlowProvider } from '@xyflow/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The app's stylesheets, in the order renderer/main.tsx imports them.
import '@xyflow/react/dist/base.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/layout.css';
import '../../../renderer/styles/canvas.css';
import '../../../renderer/styles/inspector.css';
import '../../../renderer/styles/dialogs.css';
import { Canvas } from '../../../renderer/canvas/Canvas.tsx';
import { setProjectFreezing } from '../../../shared/graph/freeze.ts';
import { useProjectStore } from '../../../renderer/stores/projectStore.ts';
import { gridLayout, requestedCount } from './layout.ts';
import { installProbe } from './probe.ts';
import { studioProject } from './studioProject.ts';

// Measured as the release build runs, which does not freeze projects (renderer/main.tsx).
setProjectFreezing(false);
const project = studioProject(gridLayout(requestedCount(location.search)));
useProjectStore.getState().loadDocument(project, null);

installProbe({ nodes: project.nodes.length, edges: project.edges.length });
// The canvas as App.tsx mounts it (provider, `main.canvas-area`, Canvas), given the whole window like the
// bare page; the top bar, palette, inspector and problems panel are left out.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReactFlowProvider>
      <div style={{ position: 'fixed', inset: 0, display: 'grid', gridTemplateAreas: '"canvas"' }}>
        <main className="canvas-area" aria-label="Graph">
          <Canvas />
        </main>
      </div>
    </ReactFlowProvider>
  </StrictMode>,
);
