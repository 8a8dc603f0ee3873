import type { Browser, Page } from 'playwright-core';
import type { FirstRender, Point } from './pages/probe.ts';

export const PAGES = ['ours', 'bare'] as const;
export type PageName = (typeof PAGES)[number];
export const PHASES = ['pan', 'zoom', 'drag'] as const;
export type Phase = (typeof PHASES)[number];

/** One load and scripted interaction of one page. */
export interface Sample {
  firstRender: FirstRender;
  /** Frame times (ms) recorded during each phase of the interaction. */
  frames: Record<Phase, number[]>;
}

export const VIEWPORT = { width: 1400, height: 900 } as const;
const LOAD_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 60_000;

/**
 * The scripted interaction, identical for both pages. Playwright sends each step only after Chromium has
 * taken the previous one, so a slower page gets the same inputs spread over more time, not fewer inputs.
 * Zooming in (8 wheel ticks) before zooming out (4) leaves the node drag at a zoom where a node is big
 * enough to grab.
 */
const PAN = { dx: 300, dy: 200, steps: 30 } as const;
const ZOOM = { inTicks: 8, outTicks: 4, delta: 100 } as const;
const DRAG = { dx: 200, dy: 120, steps: 30 } as const;

/** Rejects with a message naming the step when `promise` takes longer than `ms`. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

async function recorded(page: Page, what: string, interaction: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => window.canvasBench!.startFrames());
  await within(STEP_TIMEOUT_MS, what, interaction());
  return page.evaluate(() => window.canvasBench!.stopFrames());
}

async function pan(page: Page): Promise<number[]> {
  const start = await page.evaluate(() => window.canvasBench!.panePoint());
  check(start !== null, 'pan: no empty pane point found near the middle of the view');
  const from = start as Point;
  const before = await page.evaluate(() => window.canvasBench!.viewport());
  await page.mouse.move(from.x, from.y);
  const frames = await recorded(page, 'pan', async () => {
    await page.mouse.down();
    await page.mouse.move(from.x + PAN.dx, from.y + PAN.dy, { steps: PAN.steps });
    await page.mouse.up();
  });
  const after = await page.evaluate(() => window.canvasBench!.viewport());
  check(
    !!before && !!after && Math.abs(after.x - before.x - PAN.dx) < 2 && Math.abs(after.y - before.y - PAN.dy) < 2,
    `pan: the view did not follow the drag (${JSON.stringify(before)} → ${JSON.stringify(after)})`,
  );
  return frames;
}

async function zoom(page: Page): Promise<number[]> {
  await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
  const before = await page.evaluate(() => window.canvasBench!.viewport());
  const frames = await recorded(page, 'zoom', async () => {
    for (let i = 0; i < ZOOM.inTicks; i++) await page.mouse.wheel(0, -ZOOM.delta);
    for (let i = 0; i < ZOOM.outTicks; i++) await page.mouse.wheel(0, ZOOM.delta);
  });
  const after = await page.evaluate(() => window.canvasBench!.viewport());
  check(!!before && !!after && after.zoom > before.zoom * 1.3, `zoom: the wheel did not zoom in (${before?.zoom} → ${after?.zoom})`);
  return frames;
}

async function drag(page: Page): Promise<number[]> {
  const target = await page.evaluate(() => window.canvasBench!.nodePoint());
  check(target !== null, 'drag: no draggable node found near the middle of the view');
  const { id, x, y } = target as Point & { id: string };
  const before = await page.evaluate((nodeId) => window.canvasBench!.nodeOrigin(nodeId), id);
  await page.mouse.move(x, y);
  const frames = await recorded(page, 'drag', async () => {
    await page.mouse.down();
    await page.mouse.move(x + DRAG.dx, y + DRAG.dy, { steps: DRAG.steps });
    await page.mouse.up();
  });
  const after = await page.evaluate((nodeId) => window.canvasBench!.nodeOrigin(nodeId), id);
  // React Flow starts the drag once the pointer has passed its drag threshold, so the first step is lost.
  const slack = Math.hypot(DRAG.dx, DRAG.dy) / DRAG.steps + 2;
  check(
    !!before && !!after && Math.abs(after.x - before.x - DRAG.dx) < slack && Math.abs(after.y - before.y - DRAG.dy) < slack,
    `drag: node ${id} did not follow the mouse (${JSON.stringify(before)} → ${JSON.stringify(after)})`,
  );
  return frames;
}

/**
 * Loads one page in a fresh browser context (nothing cached, nothing shared with the previous sample),
 * waits for the whole graph to be on screen, then pans, zooms and drags a node.
 */
export async function measure(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const errors: string[] = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
    const firstRender = await within(
      LOAD_TIMEOUT_MS,
      `first render of ${url}`,
      page.evaluate(() => window.canvasBench!.firstRender),
    );
    await within(
      STEP_TIMEOUT_MS,
      'settling',
      page.evaluate(() => window.canvasBench!.settled()),
    );
    const frames = { pan: await pan(page), zoom: await zoom(page), drag: await drag(page) };
    check(errors.length === 0, `page error: ${errors.join('; ')}`);
    return { firstRender, frames };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${url}: ${message}${errors.length > 0 ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
  } finally {
    await context.close();
  }
}
