import type { Locator, Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';

const node = (page: Page, kind: string, label: string) => page.getByRole('group', { name: `${kind} node ${label}`, exact: true });
const add = (page: Page, kind: string) => page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
const zoom = async (page: Page) => Number(/scale\(([\d.]+)\)/.exec((await page.locator('.react-flow__viewport').getAttribute('style')) ?? '')?.[1] ?? 'NaN');
const box = async (l: Locator) => (await l.boundingBox())!;
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function blank(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('dialog', { name: 'New project' })
    .getByRole('button', { name: /^Blank project/ })
    .click();
}

test('new nodes go beside what they wire into, in free space and in view, and framing stays at 100 % or less', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await blank(page);
  await add(page, 'Assistant');
  await page.getByRole('button', { name: 'Fit View' }).click();
  await expect.poll(() => zoom(page)).toBeLessThanOrEqual(1);

  const assistant = node(page, 'Assistant', 'Assistant');
  // A tool goes left of the Assistant (its Tools port is on the left), each one in free space.
  await add(page, 'Function');
  await add(page, 'Code Interpreter');
  const fn = node(page, 'Function', 'my_function');
  const ci = node(page, 'Code Interpreter', 'Code Interpreter');
  for (const tool of [fn, ci]) {
    await expect(tool).toBeInViewport();
    expect((await box(tool)).x + (await box(tool)).width).toBeLessThan((await box(assistant)).x);
  }
  expect(overlap(await box(fn), await box(ci))).toBe(false);

  // Knowledge goes left of the File Search it will feed.
  await add(page, 'File Search');
  await add(page, 'Knowledge');
  const search = node(page, 'File Search', 'File Search');
  const knowledge = node(page, 'Knowledge', 'Knowledge');
  expect((await box(knowledge)).x + (await box(knowledge)).width).toBeLessThan((await box(search)).x);
  const all = page.locator('.react-flow__node');
  const boxes = await Promise.all((await all.all()).map(box));
  for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);

  // A duplicate lands in free space too.
  await fn.click();
  await page.keyboard.press('ControlOrMeta+D');
  const copy = node(page, 'Function', 'my_function_2');
  await expect(copy).toBeVisible();
  expect(overlap(await box(copy), await box(fn))).toBe(false);

  // A plain click on one node of a multi-selection selects only it.
  await page.keyboard.press('ControlOrMeta+A');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(6);
  await assistant.click();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(page.getByRole('form', { name: 'Assistant settings' })).toBeVisible();
  await snap(page, '80-placed-nodes');
});

test('far out, a node still shows its kind colour, icon and name', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  await expect.poll(() => zoom(page)).toBeLessThan(0.3);
  const label = node(page, 'Assistant', 'Research assistant').locator('.node-label');
  await expect(label).toBeVisible();
  await expect(label).toContainText('Research assistant');
  // The icon is the label's ::before, the kind's icon in its colour.
  expect(await label.evaluate((el) => getComputedStyle(el, '::before').backgroundImage)).toContain('data:image/svg+xml');
  await snap(page, '81-far-out');
});
