import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures.ts';

const OLD_ASSISTANT = JSON.stringify({
  id: 'asst_abc123',
  object: 'assistant',
  created_at: 1_700_000_000,
  name: 'Weather helper',
  description: 'Answers weather questions',
  model: 'gpt-4o',
  instructions: 'Use get_weather for every city the user names.',
  tools: [
    { type: 'code_interpreter' },
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
        strict: true,
      },
    },
  ],
  tool_resources: {},
  metadata: {},
  temperature: 1,
  top_p: 1,
  response_format: 'auto',
});

test('exports the sample assistant as a TypeScript project into a folder', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Assistant node Research assistant' })).toBeVisible();
  await page.getByRole('button', { name: 'Export assistant as code' }).click();
  const dialog = page.getByRole('dialog', { name: /Export/ });
  await dialog.getByLabel('Format').selectOption({ label: 'TypeScript (Responses API)' });
  await expect(dialog.getByRole('list', { name: 'Exported files' })).toContainText('package.json');
  await expect(dialog).toContainText('new OpenAI(');
  await snap(page, '17-export');
  await dialog.getByRole('button', { name: /Save to folder/ }).click();
  const folder = page.getByRole('dialog').getByLabel('Folder', { exact: true });
  await folder.fill(host.workDir);
  await folder.press('Enter');
  // Wait for the chosen (still empty) folder to be listed before saving into it.
  await expect(page.getByRole('list', { name: 'Folder contents' })).toContainText('This folder is empty.');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Save|Save here|Export here|Choose)/ })
    .first()
    .click();
  await expect(page.getByRole('status').filter({ hasText: host.workDir })).toBeVisible();
  const dir = join(host.workDir, 'research-assistant');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  expect(pkg.dependencies).toHaveProperty('openai');
  expect(existsSync(join(dir, 'main.ts'))).toBe(true);
});

test('imports an Assistants API assistant as nodes, as one undoable edit', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.getByRole('button', { name: 'Import assistant' }).click();
  const dialog = page.getByRole('dialog', { name: /Import/ });
  await dialog.getByLabel('Definition (JSON)').fill('{"object": "assistant", "tools": [');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);

  await dialog.getByLabel('Definition (JSON)').fill(OLD_ASSISTANT);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Weather helper');
  await expect(dialog.getByRole('status')).toContainText('assistant_id');
  await snap(page, '18-import');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('group', { name: 'Assistant node Weather helper' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Function node get_weather' })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
});
