import { expect, snap, test } from './fixtures.ts';

test('a code field opens large with the same text, undo history and markers', async ({ page, host }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(host.url);
  await page.getByRole('group', { name: 'Function node search_database', exact: true }).click();
  const form = page.getByRole('form', { name: 'Function settings' });
  await expect(form).toBeVisible();

  // A schema error shows as a marker in the large view too.
  await form.getByRole('button', { name: 'Expand Parameters (JSON Schema)' }).click();
  const large = page.getByRole('dialog', { name: 'Parameters (JSON Schema)' });
  const editor = large.getByRole('textbox', { name: 'Parameters (JSON Schema) (large)' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{ "type": "object", "properties": { "query": { "type": "strin" } } }');
  await expect(large.locator('.squiggly-error, .squiggly-warning').first()).toBeVisible();
  const box = (await large.boundingBox())!;
  expect(box.width).toBeGreaterThan(1100);
  await snap(page, '70-editor-expanded');
  await large.getByRole('button', { name: 'Close' }).click();
  await expect(large).toHaveCount(0);

  // The field shows what was typed, and its undo takes it back: one history for both views.
  const field = form.getByRole('textbox', { name: 'Parameters (JSON Schema)', exact: true });
  await expect(form.locator('.code-editor').first()).toContainText('strin');
  await field.focus();
  const inline = form.locator('.code-editor').first();
  // Typing makes a few undo stops; undoing them all, from the field, brings back the schema as it was.
  for (let i = 0; i < 80; i++) await page.keyboard.press('ControlOrMeta+Z');
  await expect(inline).toContainText('Category to search in.');
  await expect(inline).not.toContainText('strin');
});
