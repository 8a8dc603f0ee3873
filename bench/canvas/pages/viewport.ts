/**
 * The one place the bare page departs from React Flow's defaults: it frames the graph the way the
 * studio canvas does (renderer/canvas/Canvas.tsx: `fitView`, `minZoom={0.05}`, and a `fitView` with
 * padding 0.2 once a project is opened). Without it the bare page would open at zoom 1 showing a dozen
 * nodes while the studio shows hundreds, and the two would paint very different amounts of graph.
 * Keep in step with Canvas.tsx.
 */
export const VIEWPORT_PROPS = { fitView: true, fitViewOptions: { padding: 0.2 }, minZoom: 0.05 } as const;
