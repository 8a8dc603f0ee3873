import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import { gridLayout, requestedCount } from './layout.ts';
import { installProbe } from './probe.ts';
import { VIEWPORT_PROPS } from './viewport.ts';

const layout = gridLayout(requestedCount(location.search));
const initialNodes: Node[] = layout.nodes.map((n) => ({
  id: `n${n.index}`,
  type: 'default',
  position: n.position,
  data: { label: `${n.role} ${n.index}` },
}));
const initialEdges: Edge[] = layout.wires.map((w, i) => ({ id: `e${i}`, source: `n${w.source}`, target: `n${w.target}` }));

/** React Flow's quick-start: controlled nodes and edges through its own state hooks, default node type. */
function BareFlow() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  return (
    <div style={{ position: 'fixed', inset: 0 }}>
      <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} onEdgesChange={onEdgesChange} {...VIEWPORT_PROPS} />
    </div>
  );
}

installProbe({ nodes: initialNodes.length, edges: initialEdges.length });
createRoot(document.getElementById('root')!).render(<BareFlow />);
