import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';

/** Resolves with the host's answer to the next draft autosave the window sends. */
const nextAutosave = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/invoke') && (r.request().postDataJSON() as { channel?: string } | null)?.channel === 'app:draft/save');

const addNote = (page: Page) => page.getByRole('button', { name: 'Add Note', exact: true }).click();

type Watched = Window & { alertsShown?: string[] };

/** Records the text of every alert the page inserts from now on (a re-shown toast is a new element). */
const watchAlerts = (page: Page) =>
  page.evaluate(() => {
    const shown: string[] = ((window as Watched).alertsShown = []);
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof HTMLElement && node.matches('[role="alert"]')) shown.push(node.textContent ?? '');
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
const alertsShown = (page: Page) => page.evaluate(() => (window as Watched).alertsShown ?? []);

test('tells the user once when autosave fails, and again when it works', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  // A file where the drafts folder should be: the host cannot write any draft.
  const drafts = join(host.dataDir, 'drafts');
  rmSync(drafts, { recursive: true, force: true });
  writeFileSync(drafts, 'in the way');
  await watchAlerts(page);

  const failed = nextAutosave(page);
  await addNote(page);
  expect(await (await failed).json()).toMatchObject({ ok: false });
  const failure = page.getByRole('alert').filter({ hasText: 'Autosave failed' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText(drafts);
  await snap(page, 'autosave-failed');

  // The next failure of the same streak says nothing new.
  const failedAgain = nextAutosave(page);
  await addNote(page);
  expect(await (await failedAgain).json()).toMatchObject({ ok: false });
  await expect(failure).toHaveCount(1);

  rmSync(drafts, { force: true });
  const saved = nextAutosave(page);
  await addNote(page);
  expect(await (await saved).json()).toMatchObject({ ok: true });
  await expect(page.getByRole('status').filter({ hasText: 'Autosave works again' })).toBeVisible();
  await expect(failure).toHaveCount(0);
  expect(existsSync(drafts) ? readdirSync(drafts) : []).toHaveLength(1);
  // Both failures came before the successful save, so by now a second notice would have been recorded.
  expect((await alertsShown(page)).filter((text) => text.includes('Autosave'))).toHaveLength(1);
});
