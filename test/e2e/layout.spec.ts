import { expect, snap, test } from './fixtures.ts';

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`at ${width}x${height} everything is reachable without scrolling sideways`, async ({ page, host }) => {
    await page.setViewportSize({ width, height });
    await page.goto(host.url);
    await expect(page.getByRole('group', { name: 'Assistant node Research assistant' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const name of ['Settings', 'Keyboard shortcuts', 'New project', 'Export assistant as code']) {
      await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
    }
    // With nothing to report, Problems is a one-line bar and the canvas has the room.
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems).toContainText('No problems');
    expect((await problems.boundingBox())!.height).toBeLessThan(40);
    await snap(page, `60-layout-${width}x${height}`);
  });
}

test('the side panel and the problems panel are resized by dragging or with the keyboard, and keep their size', async ({ page, host }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  const side = page.locator('.side-panel');
  const before = (await side.boundingBox())!.width;
  const splitter = page.getByRole('separator', { name: 'Resize the side panel' });
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 200, box.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await side.boundingBox())!.width)).toBe(Math.round(before + 200));
  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Math.round((await side.boundingBox())!.width)).toBe(Math.round(before + 200 - 16));

  // A problem unfolds the Problems panel; its splitter then sets the height.
  await page.getByRole('button', { name: 'Add Function', exact: true }).click();
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('0 errors · 2 warnings');
  expect(Math.round((await problems.boundingBox())!.height)).toBe(190);
  const rows = page.getByRole('separator', { name: 'Resize the problems panel' });
  await rows.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(async () => Math.round((await problems.boundingBox())!.height)).toBe(190 + 64);

  await page.reload();
  await expect.poll(async () => Math.round((await side.boundingBox())!.width)).toBe(Math.round(before + 200 - 16));
});
