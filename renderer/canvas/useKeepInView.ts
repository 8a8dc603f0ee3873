import { useReactFlow, type Rect, type Viewport } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import type { StudioFlowNode } from './flowModel.ts';

/** Whether the graph's bounds, drawn at this viewport, fit inside a pane of this size. */
export function fitsInside(bounds: Rect, viewport: Viewport, size: { width: number; height: number }): boolean {
  const left = bounds.x * viewport.zoom + viewport.x;
  const top = bounds.y * viewport.zoom + viewport.y;
  const right = left + bounds.width * viewport.zoom;
  const bottom = top + bounds.height * viewport.zoom;
  return left >= 0 && top >= 0 && right <= size.width && bottom <= size.height;
}

/**
 * Keeps the graph in view when the canvas changes size (a side panel opening or widening): a graph that
 * was wholly visible is framed again; otherwise the middle of what the user was looking at stays in the
 * middle, rather than the view sliding off under the panel.
 */
export function useKeepInView(pane: RefObject<HTMLElement | null>, fitView: () => void): void {
  const flow = useReactFlow<StudioFlowNode>();
  const last = useRef<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const size = { width: entry.contentRect.width, height: entry.contentRect.height };
      const before = last.current;
      last.current = size;
      if (!before || size.width === 0 || size.height === 0 || (before.width === size.width && before.height === size.height)) return;
      const nodes = flow.getNodes();
      if (nodes.length === 0) return;
      const viewport = flow.getViewport();
      if (fitsInside(flow.getNodesBounds(nodes), viewport, before)) {
        fitView();
        return;
      }
      void flow.setViewport({ x: viewport.x + (size.width - before.width) / 2, y: viewport.y + (size.height - before.height) / 2, zoom: viewport.zoom });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [pane, flow, fitView]);
}
