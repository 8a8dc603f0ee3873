import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import type { NodeKind } from '../../shared/kinds/index.ts';
import { ESTIMATED_NODE_SIZE } from '../stores/autoLayout.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { freeSpot } from './placement.ts';

const FIT_OPTIONS = { padding: 0.2, duration: 200 };

/** Canvas commands usable from anywhere inside the flow provider (top bar, palette, menus, panels). */
export function useCanvasActions() {
  const flow = useReactFlow();
  const storeApi = useStoreApi();
  return useMemo(() => {
    const viewportCentre = () => {
      const dom = storeApi.getState().domNode;
      if (!dom) return { x: 0, y: 0 };
      const rect = dom.getBoundingClientRect();
      return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    };
    const sizeOf = (id: string) => {
      const measured = flow.getInternalNode(id)?.measured;
      return measured?.width && measured.height ? { width: measured.width, height: measured.height } : undefined;
    };
    return {
      addNodeAtCentre: (kind: NodeKind) => {
        const centre = viewportCentre();
        const wanted = { x: Math.round(centre.x - ESTIMATED_NODE_SIZE.width / 2), y: Math.round(centre.y - ESTIMATED_NODE_SIZE.height / 2) };
        const store = useProjectStore.getState();
        return store.addNode(kind, freeSpot(wanted, store.project.nodes, sizeOf));
      },
      addNodeAtScreenPoint: (kind: NodeKind, point: { x: number; y: number }) => {
        const at = flow.screenToFlowPosition(point);
        return useProjectStore.getState().addNode(kind, { x: Math.round(at.x), y: Math.round(at.y) });
      },
      fitView: () => void flow.fitView(FIT_OPTIONS),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      autoLayout: () => {
        useProjectStore.getState().autoLayout(sizeOf);
        // Wait for React Flow to receive the new positions before framing them.
        requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
      },
      /** Selects a node and brings it to the middle of the view. */
      revealNode: (id: string) => {
        const node = flow.getInternalNode(id);
        useProjectStore.getState().setSelection({ nodeIds: [id], edgeIds: [] });
        if (!node) return;
        const size = sizeOf(id) ?? ESTIMATED_NODE_SIZE;
        const { x, y } = node.internals.positionAbsolute;
        void flow.setCenter(x + size.width / 2, y + size.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 250 });
      },
    };
  }, [flow, storeApi]);
}
