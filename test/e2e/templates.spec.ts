import { demoRule } from '../simulator/demo.ts';
import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

test('New project offers the gallery, and the data analyst template charts its CSV on the demo model', async ({ page, host }) => {
  test.setTimeout(120_000);
  const sim = simulator();
  sim.rule(demoRule);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  await page.getByRole('button', { name: 'New project' }).click();
  const gallery = page.getByRole('dialog', { name: 'New project' });
  const cards = gallery.getByRole('list', { name: 'Templates' }).getByRole('button');
  await expect(cards).toHaveCount(4);
  await expect(cards.filter({ hasText: 'Data analyst' })).toContainText('Code Interpreter');
  await snap(page, '50-new-project-gallery');
  await cards.filter({ hasText: 'Data analyst' }).click();
  await expect(gallery).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Assistant node Data analyst' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Knowledge node Sales data' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('Data analyst');

  await send(page, 'Chart the sales data');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('I ran Python on the data. It printed:', { timeout: 60_000 });
  await expect(conversation).toContainText('sales.csv: 11 rows; columns: month, region, orders, revenue');
  await expect(conversation.getByRole('article', { name: 'Assistant said' }).last().getByRole('img').first()).toBeVisible();
  await snap(page, '51-template-analyst-run');
});

test('a blank project says what to do first', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('dialog', { name: 'New project' })
    .getByRole('button', { name: /^Blank project/ })
    .click();
  const start = page.getByRole('region', { name: 'Getting started' });
  await expect(start).toContainText('Start with an Assistant');
  await snap(page, '52-empty-canvas');
  // Browse templates opens the same gallery; Escape leaves the canvas as it was.
  await start.getByRole('button', { name: 'Browse templates' }).click();
  await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New project' })).toHaveCount(0);
  await start.getByRole('button', { name: 'Add an Assistant' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(start).toHaveCount(0);
});
