/**
 * In-page instrumentation shared by both benchmark pages. The runner drives the page from outside and
 * reads results through `window.canvasBench`; everything timed here uses the page's own clock, whose
 * origin is the navigation start.
 */

export interface FirstRender {
  /** Navigation start → the frame after every node and wire of the graph was on screen. */
  ms: number;
  nodes: number;
  edges: number;
}

export interface Point {
  x: number;
  y: number;
}

interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

interface CanvasProbe {
  firstRender: Promise<FirstRender>;
  /** Resolves once the view has stopped moving (a page may animate its framing after the first render). */
  settled: () => Promise<void>;
  /** Starts recording frame times at the next frame. */
  startFrames: () => Promise<void>;
  /** Stops after two more frames (so the last input's frame is in) and returns the frame times in ms. */
  stopFrames: () => Promise<number[]>;
  /** A point on the empty pane near the middle of the view, where a drag pans. */
  panePoint: () => Point | null;
  /** The middle of a draggable node near the middle of the view, with the node's id. */
  nodePoint: () => (Point & { id: string }) | null;
  /** Where a node is on screen (top-left corner), or null when it is not rendered. */
  nodeOrigin: (id: string) => Point | null;
  viewport: () => Viewport | null;
}

declare global {
  interface Window {
    canvasBench?: CanvasProbe;
  }
}

/** Frames in a row with the full graph on screen before first render counts as done. */
const STABLE_FRAMES = 3;
const FIRST_RENDER_TIMEOUT_MS = 120_000;

/** Frames in a row with an unchanged view that count as settled, and how long to wait at most. */
const SETTLE_FRAMES = 10;
const SETTLE_TIMEOUT_MS = 10_000;

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/**
 * React Flow renders every node unless `onlyRenderVisibleElements` is set, and neither page sets it, so
 * "rendered" means all nodes and wires are in the DOM and every node has been measured (React Flow keeps
 * a node `visibility: hidden` until its size is known, and draws wires only between measured nodes).
 */
function rendered(): { nodes: number; edges: number; hidden: number } {
  const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
  let hidden = 0;
  for (const node of nodes) if (node.style.visibility === 'hidden') hidden++;
  return { nodes: nodes.length, edges: document.querySelectorAll('.react-flow__edge').length, hidden };
}

function watchFirstRender(expectedNodes: number, expectedEdges: number): Promise<FirstRender> {
  return new Promise((resolve, reject) => {
    let stable = 0;
    let doneAt = 0;
    const check = () => {
      const now = performance.now();
      const r = rendered();
      const complete = r.nodes === expectedNodes && r.edges === expectedEdges && r.hidden === 0;
      stable = complete ? stable + 1 : 0;
      // The first frame that sees the complete graph runs before that graph is painted; the next one after.
      if (stable === 2) doneAt = now;
      if (stable >= STABLE_FRAMES) {
        resolve({ ms: doneAt, nodes: r.nodes, edges: r.edges });
        return;
      }
      if (now > FIRST_RENDER_TIMEOUT_MS) {
        reject(
          new Error(
            `first render incomplete after ${FIRST_RENDER_TIMEOUT_MS} ms: ${r.nodes}/${expectedNodes} nodes (${r.hidden} unmeasured), ${r.edges}/${expectedEdges} wires`,
          ),
        );
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

function pane(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.react-flow__pane');
}

/** Offsets from the middle of the view, nearest first, tried in turn when looking for empty pane. */
const PANE_SEARCH: readonly Point[] = (() => {
  const offsets: Point[] = [];
  for (let dy = -240; dy <= 240; dy += 3) for (let dx = -360; dx <= 360; dx += 3) offsets.push({ x: dx, y: dy });
  return offsets.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y));
})();

function panePoint(): Point | null {
  const el = pane();
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  for (const o of PANE_SEARCH) {
    if (document.elementFromPoint(cx + o.x, cy + o.y) === el) return { x: cx + o.x, y: cy + o.y };
  }
  return null;
}

function nodePoint(): (Point & { id: string }) | null {
  const el = pane();
  if (!el) return null;
  const box = el.getBoundingClientRect();
  const cx = box.left + box.width / 2;
  const cy = box.top + box.height / 2;
  const candidates = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
    .map((node) => {
      const r = node.getBoundingClientRect();
      return { node, x: r.left + r.width / 2, y: r.top + r.height / 2 };
    })
    .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
  for (const c of candidates) {
    const hit = document.elementFromPoint(c.x, c.y);
    if (!hit || !c.node.contains(hit) || hit.closest('.nodrag, .react-flow__handle')) continue;
    const id = c.node.dataset.id;
    if (id) return { id, x: c.x, y: c.y };
  }
  return null;
}

function nodeOrigin(id: string): Point | null {
  const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  if (!node) return null;
  const r = node.getBoundingClientRect();
  return { x: r.left, y: r.top };
}

function viewport(): Viewport | null {
  const el = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!el) return null;
  const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
  return { x: m.e, y: m.f, zoom: m.a };
}

async function settled(): Promise<void> {
  const deadline = performance.now() + SETTLE_TIMEOUT_MS;
  let last = JSON.stringify(viewport());
  let still = 0;
  while (still < SETTLE_FRAMES) {
    await nextFrame();
    const now = JSON.stringify(viewport());
    still = now === last ? still + 1 : 0;
    last = now;
    if (performance.now() > deadline) throw new Error(`the view was still moving ${SETTLE_TIMEOUT_MS} ms after the first render`);
  }
}

/** Installs `window.canvasBench` for a page that will render `nodes` nodes and `edges` wires. */
export function installProbe(expected: { nodes: number; edges: number }): void {
  let frames: number[] = [];
  let recording = false;
  let last = 0;
  const tick = () => {
    const now = performance.now();
    if (recording) frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  window.canvasBench = {
    firstRender: watchFirstRender(expected.nodes, expected.edges),
    settled,
    startFrames: async () => {
      await nextFrame();
      frames = [];
      recording = true;
    },
    stopFrames: async () => {
      await nextFrame();
      await nextFrame();
      recording = false;
      return frames;
    },
    panePoint,
    nodePoint,
    nodeOrigin,
    viewport,
  };
}
