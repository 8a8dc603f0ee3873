import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { checkConnection } from '../../shared/graph/connect.ts';
import { kindOf } from '../../shared/kinds/index.ts';
import { useRunStore } from '../runs/runStore.ts';
import { trustWaits } from '../runs/trustWaits.ts';
import { useUntrustedPath } from '../runs/useProjectTrust.ts';
import { problemIndex } from '../stores/problems.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { useResolvedTheme } from '../theme/useResolvedTheme.ts';
import { KIND_DRAG_TYPE, isNodeKind } from './dragData.ts';
import { FlowCache, type Size, type StudioFlowNode } from './flowModel.ts';
import { StudioNode } from './StudioNode.tsx';
import { FIT_OPTIONS, useCanvasActions } from './useCanvasActions.ts';
import { useKeepInView } from './useKeepInView.ts';

const nodeTypes = { studio: StudioNode };
const GRID: [number, number] = [16, 16];
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
/** The first framing, as later ones: never past 100 %. */
const INITIAL_FIT = { padding: FIT_OPTIONS.padding, maxZoom: FIT_OPTIONS.maxZoom };
const minimapColour = (node: StudioFlowNode) => kindOf(node.data.kind).accent;
/**
 * Level of detail: below these zooms text is too small to read, and not painting it (nor a background
 * of dots closer together than pixels) keeps a large graph fast to pan and zoom.
 */
const DETAIL_ZOOM = 0.55;
const NAME_ZOOM = 0.3;
type Detail = 'full' | 'names' | 'shapes';
const selectDetail = (s: { transform: [number, number, number] }): Detail =>
  s.transform[2] >= DETAIL_ZOOM ? 'full' : s.transform[2] >= NAME_ZOOM ? 'names' : 'shapes';

const toWire = (c: Connection | Edge) => ({
  source: c.source,
  sourcePort: c.sourceHandle ?? '',
  target: c.target,
  targetPort: c.targetHandle ?? '',
});

/** The size map with these measurements, or the same map when none of them changes a size. */
function withSizes(current: ReadonlyMap<string, Size>, measured: readonly [string, Size][]): ReadonlyMap<string, Size> {
  let next: Map<string, Size> | null = null;
  for (const [id, size] of measured) {
    const known = (next ?? current).get(id);
    if (known && known.width === size.width && known.height === size.height) continue;
    next ??= new Map(current);
    next.set(id, size);
  }
  return next ?? current;
}

export function Canvas() {
  const nodes = useProjectStore((s) => s.project.nodes);
  const edges = useProjectStore((s) => s.project.edges);
  const selection = useProjectStore((s) => s.selection);
  const problemCounts = useProjectStore((s) => problemIndex(s.project).counts);
  const unreviewed = useProjectStore((s) => s.unreviewed);
  const projectUntrusted = useUntrustedPath() !== null;
  const snapToGrid = useUiStore((s) => s.snapToGrid);
  const colorMode = useResolvedTheme();
  const detail = useStore(selectDetail);
  const actions = useCanvasActions();

  const cache = useRef(new FlowCache());
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(() => new Map());
  const dragId = useRef(0);
  const documentSerial = useProjectStore((s) => s.documentSerial);
  const pane = useRef<HTMLDivElement>(null);
  useKeepInView(pane, actions.fitView);

  // Frame each newly opened project once its nodes have been measured.
  useEffect(() => {
    if (documentSerial === 0) return;
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(actions.fitView);
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [documentSerial, actions]);

  const selectedNodes = useMemo(() => new Set(selection.nodeIds), [selection.nodeIds]);
  const selectedEdges = useMemo(() => new Set(selection.edgeIds), [selection.edgeIds]);
  const waits = useMemo(() => trustWaits(nodes, unreviewed, projectUntrusted), [nodes, unreviewed, projectUntrusted]);
  const flowNodes = useMemo(
    () => cache.current.flowNodes(nodes, selectedNodes, sizes, problemCounts, waits),
    [nodes, selectedNodes, sizes, problemCounts, waits],
  );
  const activeWires = useRunStore((s) => s.fold.activeWires);
  const working = useMemo(() => new Set(activeWires), [activeWires]);
  const flowEdges = useMemo(() => cache.current.flowEdges(edges, nodes, selectedEdges, working), [edges, nodes, selectedEdges, working]);

  // Drag moves arrive once per pointer event; applying them once per frame keeps a large graph from
  // re-rendering several times between two paints.
  const pendingMoves = useRef<{ positions: Map<string, { x: number; y: number }>; frame: number } | null>(null);
  const flushMoves = useCallback(() => {
    const pending = pendingMoves.current;
    if (!pending) return;
    cancelAnimationFrame(pending.frame);
    pendingMoves.current = null;
    useProjectStore.getState().moveNodes(pending.positions, dragId.current);
  }, []);
  useEffect(() => flushMoves, [flushMoves]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StudioFlowNode>[]) => {
      const store = useProjectStore.getState();
      const positions = new Map<string, { x: number; y: number }>();
      let dragging = false;
      const measured: [string, Size][] = [];
      let selected: Set<string> | null = null;
      for (const change of changes) {
        if (change.type === 'position' && change.position) {
          positions.set(change.id, change.position);
          dragging ||= change.dragging === true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          measured.push([change.id, { width: change.dimensions.width, height: change.dimensions.height }]);
        } else if (change.type === 'select') {
          selected ??= new Set(store.selection.nodeIds);
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
      }
      if (positions.size > 0 && dragging) {
        const pending = pendingMoves.current ?? { positions: new Map(), frame: requestAnimationFrame(flushMoves) };
        for (const [id, position] of positions) pending.positions.set(id, position);
        pendingMoves.current = pending;
      } else if (positions.size > 0) {
        flushMoves();
        store.moveNodes(positions, null);
      }
      if (selected) store.setSelection({ nodeIds: [...selected], edgeIds: useProjectStore.getState().selection.edgeIds });
      if (measured.length > 0) setSizes((current) => withSizes(current, measured));
    },
    [flushMoves],
  );

  // A plain click on one node of a multi-selection selects only it (React Flow keeps the group, for dragging it).
  const onNodeClick = useCallback((event: ReactMouseEvent, node: StudioFlowNode) => {
    if (event.shiftKey || event.metaKey || event.ctrlKey) return;
    const store = useProjectStore.getState();
    if (store.selection.nodeIds.length > 1 || store.selection.edgeIds.length > 0) store.setSelection({ nodeIds: [node.id], edgeIds: [] });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const store = useProjectStore.getState();
    let selected: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      selected ??= new Set(store.selection.edgeIds);
      if (change.selected) selected.add(change.id);
      else selected.delete(change.id);
    }
    if (selected) store.setSelection({ nodeIds: store.selection.nodeIds, edgeIds: [...selected] });
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => checkConnection(useProjectStore.getState().project, toWire(c)).ok, []);

  const onConnect = useCallback((c: Connection) => {
    const result = useProjectStore.getState().connect(toWire(c));
    if (!result.ok) useUiStore.getState().pushToast('error', result.reason);
  }, []);

  // A refused wire ends here without reaching onConnect; say why it was refused.
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromHandle || !state.toHandle || !state.toNode) return;
    const fromIsSource = state.fromHandle.type === 'source';
    const source = fromIsSource ? state.fromHandle : state.toHandle;
    const target = fromIsSource ? state.toHandle : state.fromHandle;
    const check = checkConnection(useProjectStore.getState().project, {
      source: source.nodeId,
      sourcePort: source.id ?? '',
      target: target.nodeId,
      targetPort: target.id ?? '',
    });
    if (!check.ok) useUiStore.getState().pushToast('error', check.reason);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(KIND_DRAG_TYPE);
      if (!isNodeKind(kind)) return;
      event.preventDefault();
      actions.addNodeAtScreenPoint(kind, { x: event.clientX, y: event.clientY });
    },
    [actions],
  );

  const onNodeDragStart = useCallback(() => {
    flushMoves();
    dragId.current += 1;
  }, [flushMoves]);

  // The last frame of a drag must land before anything else reads the positions.
  const onNodeDragStop = flushMoves;

  return (
    <div ref={pane} className={`canvas detail-${detail}`}>
      <ReactFlow<StudioFlowNode>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onSelectionDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStop={onNodeDragStop}
        onDragOver={onDragOver}
        onDrop={onDrop}
        deleteKeyCode={null}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        selectionKeyCode="Shift"
        snapToGrid={snapToGrid}
        snapGrid={GRID}
        colorMode={colorMode}
        fitView
        fitViewOptions={INITIAL_FIT}
        onNodeClick={onNodeClick}
        minZoom={0.05}
        proOptions={PRO_OPTIONS}
        aria-label="Canvas"
      >
        {detail === 'full' && <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />}
        <MiniMap<StudioFlowNode> pannable zoomable nodeColor={minimapColour} ariaLabel="Minimap" />
        <Controls showInteractive={false} fitViewOptions={INITIAL_FIT} aria-label="Zoom controls" />
      </ReactFlow>
      {nodes.length === 0 && <EmptyCanvas onAddAssistant={() => actions.addNodeAtCentre('assistant')} />}
    </div>
  );
}

/** What an empty canvas says to do first. */
function EmptyCanvas({ onAddAssistant }: { onAddAssistant: () => void }) {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <section className="canvas-empty" aria-label="Getting started">
      <h2>Start with an Assistant</h2>
      <p>
        Add one from the palette (click, or drag it here), then wire tools into its Tools port: File Search with Knowledge, the Code Interpreter, or a Function.
        Or start from a template that runs as it is.
      </p>
      <div className="canvas-empty-actions">
        <button type="button" className="primary-button" onClick={onAddAssistant}>
          Add an Assistant
        </button>
        <button type="button" className="secondary-button" onClick={() => openDialog({ type: 'newProject' })}>
          Browse templates
        </button>
      </div>
    </section>
  );
}
