import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import type { NodeKind } from '../../shared/kinds/index.ts';
import { ESTIMATED_NODE_SIZE } from '../stores/autoLayout.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { freeSpot, spotBeside, wiringPartner } from './placement.ts';

/** Framing never zooms past 100 %: a project of one node shows it at its size, not blown up. */
export const FIT_OPTIONS = { padding: 0.2, duration: 200, maxZoom: 1 };

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
    /** Pans (at the same zoom) so the node at `at` is on screen, when it is not. */
    const keepVisible = (at: { x: number; y: number }) => {
      const dom = storeApi.getState().domNode;
      if (!dom) return;
      const rect = dom.getBoundingClientRect();
      const topLeft = flow.screenToFlowPosition({ x: rect.left, y: rect.top });
      const bottomRight = flow.screenToFlowPosition({ x: rect.right, y: rect.bottom });
      const { width, height } = ESTIMATED_NODE_SIZE;
      const inside = at.x >= topLeft.x && at.y >= topLeft.y && at.x + width <= bottomRight.x && at.y + height <= bottomRight.y;
      if (!inside) void flow.setCenter(at.x + width / 2, at.y + height / 2, { zoom: flow.getZoom(), duration: 200 });
    };
    return {
      /**
       * The palette's click: beside the node it will most likely be wired to (a tool left of the
       * Assistant's Tools port, Knowledge left of its File Search), else in the middle of the view; in
       * free space either way, and the view follows it.
       */
      addNodeAtCentre: (kind: NodeKind) => {
        const store = useProjectStore.getState();
        const partner = wiringPartner(kind, store.project.nodes, store.selection.nodeIds);
        let at: { x: number; y: number };
        if (partner) at = spotBeside(partner, store.project.nodes, sizeOf);
        else {
          const centre = viewportCentre();
          const wanted = { x: Math.round(centre.x - ESTIMATED_NODE_SIZE.width / 2), y: Math.round(centre.y - ESTIMATED_NODE_SIZE.height / 2) };
          at = freeSpot(wanted, store.project.nodes, sizeOf);
        }
        const id = store.addNode(kind, at);
        keepVisible(at);
        return id;
      },
      /** A drop from the palette: where it was dropped, or the nearest free spot when that is on another node. */
      addNodeAtScreenPoint: (kind: NodeKind, point: { x: number; y: number }) => {
        const dropped = flow.screenToFlowPosition(point);
        const store = useProjectStore.getState();
        return store.addNode(kind, freeSpot({ x: Math.round(dropped.x), y: Math.round(dropped.y) }, store.project.nodes, sizeOf));
      },
      /** Frames the given nodes (an import, a paste far away). */
      fitNodes: (ids: readonly string[]) => {
        requestAnimationFrame(() => void flow.fitView({ ...FIT_OPTIONS, nodes: ids.map((id) => ({ id })) }));
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
