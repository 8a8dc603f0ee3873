import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseProjectFile } from '../../shared/graph/projectFile.ts';
import { expect, snap, test } from './fixtures.ts';

const PARAMETERS = JSON.stringify({
  type: 'object',
  properties: {
    query: { type: 'string', description: 'Words to look for.' },
    category: { type: 'string', enum: ['all', 'nlp', 'biology', 'climate'] },
  },
  required: ['query', 'category'],
  additionalProperties: false,
});

const node = (page: Page, kind: string, label: string) => page.getByRole('group', { name: `${kind} node ${label}`, exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' });
const problems = (page: Page) => page.getByRole('region', { name: 'Problems' });
const wires = (page: Page) => page.locator('[aria-label^="Wire from"]');

/** Drags from one port handle to another the way a user does, in small steps. */
async function wire(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Replaces the text of a Monaco editor; insertText avoids the editor's auto-closing of brackets. */
async function setEditorText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

async function addNode(page: Page, kind: string): Promise<void> {
  await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
}

test('builds the sample graph from an empty project, fixes a problem, undoes, saves and reopens it', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(node(page, 'Assistant', 'Research assistant')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await snap(page, '01-sample-project');

  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('dialog', { name: 'New project' })
    .getByRole('button', { name: /^Blank project/ })
    .click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  await addNode(page, 'Assistant');
  await inspector(page).getByLabel('Name', { exact: true }).fill('Research assistant');
  await expect(node(page, 'Assistant', 'Research assistant')).toBeVisible();

  await addNode(page, 'Knowledge');
  await inspector(page).getByLabel('Title', { exact: true }).fill('Research notes');
  const paths = inspector(page).getByLabel('Files and folders', { exact: true });
  await paths.fill('knowledge');
  await paths.press('Enter');

  await addNode(page, 'File Search');
  await addNode(page, 'Code Interpreter');

  await addNode(page, 'Function');
  const fnName = inspector(page).getByLabel('Name', { exact: true });
  await fnName.fill('search database');
  await expect(problems(page)).toContainText('Function names use only letters, digits, _ and -');
  await snap(page, '02-validation-error');
  await fnName.fill('search_database');
  await expect(problems(page)).not.toContainText('Function names use only letters');
  await inspector(page).getByLabel('Description', { exact: true }).fill('Search the paper database.');
  await setEditorText(page, inspector(page).getByRole('textbox', { name: 'Parameters (JSON Schema)' }), PARAMETERS);
  await expect(node(page, 'Function', 'search_database')).toContainText('(query, category)');

  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.getByRole('button', { name: 'Fit View' }).click();

  // A wire that does not fit is refused with the reason.
  await wire(
    page,
    node(page, 'Knowledge', 'Research notes').getByLabel('Files output'),
    node(page, 'Assistant', 'Research assistant').getByLabel('Tools input'),
  );
  await expect(page.getByRole('alert').filter({ hasText: 'cannot connect' })).toBeVisible();
  await expect(wires(page)).toHaveCount(0);

  const assistantTools = node(page, 'Assistant', 'Research assistant').getByLabel('Tools input');
  await wire(
    page,
    node(page, 'Knowledge', 'Research notes').getByLabel('Files output'),
    node(page, 'File Search', 'File Search').getByLabel('Knowledge input'),
  );
  await wire(page, node(page, 'File Search', 'File Search').getByLabel('Tool output'), assistantTools);
  await wire(page, node(page, 'Code Interpreter', 'Code Interpreter').getByLabel('Tool output'), assistantTools);
  await wire(page, node(page, 'Function', 'search_database').getByLabel('Tool output'), assistantTools);
  await expect(wires(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.getByRole('button', { name: 'Problems', exact: true })).toHaveAccessibleDescription('No problems');

  // Undo and redo step through every edit, including the last wire.
  await page.getByRole('button', { name: 'Undo' }).click(); // auto-layout
  await page.getByRole('button', { name: 'Undo' }).click(); // the last wire
  await expect(wires(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(wires(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Fit View' }).click();
  await snap(page, '03-built-graph');

  // Save As through the in-app dialog (the web host has no native one).
  await page.getByRole('button', { name: 'Save project as' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save project as' });
  await dialog.getByLabel('Folder', { exact: true }).fill(host.workDir);
  await dialog.getByLabel('Folder', { exact: true }).press('Enter');
  await dialog.getByLabel('File name').fill('research');
  // The dialog shows where it will save once the folder has been listed.
  await expect(dialog).toContainText(join(host.workDir, 'research.assistant.json'));
  await snap(page, '04-save-as');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toHaveCount(0);

  const file = join(host.workDir, 'research.assistant.json');
  const saved = readFileSync(file, 'utf8');
  const parsed = parseProjectFile(saved);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  expect(parsed.project.nodes.map((n) => n.kind).sort()).toEqual(['assistant', 'codeInterpreter', 'fileSearch', 'function', 'knowledge']);
  expect(parsed.project.edges).toHaveLength(4);
  const knowledge = parsed.project.nodes.find((n) => n.kind === 'knowledge');
  expect(knowledge?.data).toMatchObject({ title: 'Research notes', paths: ['knowledge'] });
  const fn = parsed.project.nodes.find((n) => n.kind === 'function');
  expect(fn?.data).toMatchObject({ name: 'search_database', parameters: JSON.parse(PARAMETERS) });

  const labels = async () => (await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).sort();
  const before = await labels();

  // A reload reopens the most recent project: the same graph.
  await page.reload();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  expect(await labels()).toEqual(before);
  await expect(wires(page)).toHaveCount(4);

  // Reopen it explicitly after starting something else.
  await page.getByRole('button', { name: 'New project' }).click();
  await page
    .getByRole('dialog', { name: 'New project' })
    .getByRole('button', { name: /^Blank project/ })
    .click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.getByRole('button', { name: 'Open project' }).click();
  const open = page.getByRole('dialog', { name: 'Open project' });
  await open.getByLabel('Project file path').fill(file);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  expect(await labels()).toEqual(before);
  await expect(wires(page)).toHaveCount(4);

  // Saving the reopened project writes the very same bytes: nothing was lost or reordered.
  await node(page, 'Function', 'search_database').click();
  await inspector(page).getByLabel('Description', { exact: true }).fill('Search the paper database!');
  await inspector(page).getByLabel('Description', { exact: true }).fill('Search the paper database.');
  await page.getByRole('button', { name: 'Save project', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toHaveCount(0);
  expect(readFileSync(file, 'utf8')).toBe(saved);
  await snap(page, '05-reopened');
});

test('adds a node kind dragged from the palette where it is dropped on the canvas', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  const at = { clientX: box.x + 80, clientY: box.y + box.height - 120 };
  // Playwright's mouse does not start an HTML drag here, so the drag events are dispatched with one DataTransfer.
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await page.getByRole('button', { name: 'Add Function', exact: true }).dispatchEvent('dragstart', { dataTransfer });
  await pane.dispatchEvent('dragover', { dataTransfer, ...at });
  await pane.dispatchEvent('drop', { dataTransfer, ...at });
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  const added = (await node(page, 'Function', 'my_function').boundingBox())!;
  expect(Math.abs(added.x - at.clientX)).toBeLessThan(200);
  expect(Math.abs(added.y - at.clientY)).toBeLessThan(200);
});

test('refuses a foreign file with a clear message and keeps the open project', async ({ page, host }) => {
  const foreign = join(host.workDir, 'package.assistant.json');
  writeFileSync(foreign, '{"name": "not-a-project", "version": "1.0.0"}\n');
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.getByRole('button', { name: 'Open project' }).click();
  const open = page.getByRole('dialog', { name: 'Open project' });
  await open.getByLabel('Project file path').fill(foreign);
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  const error = page.getByRole('dialog', { name: 'Could not open the project' });
  await expect(error).toContainText('not an Assistant Studio project');
  await snap(page, '06-open-error');
  await error.getByRole('button', { name: 'OK' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  expect(readFileSync(foreign, 'utf8')).toBe('{"name": "not-a-project", "version": "1.0.0"}\n');
});

test('offers unsaved work back after the window went away', async ({ page, host, context }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await addNode(page, 'Note');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toBeVisible();
  // The draft is written about a second after the last edit; wait for it on disk, then drop the page.
  const drafts = join(host.dataDir, 'drafts');
  await expect.poll(() => (existsSync(drafts) ? readdirSync(drafts).length : 0), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto(host.url);
  const recover = again.getByRole('dialog', { name: 'Recover unsaved work' });
  await expect(recover).toBeVisible();
  await snap(again, '07-recover');
  await recover.getByRole('button', { name: 'Recover' }).first().click();
  await expect(again.locator('.react-flow__node')).toHaveCount(7);
  await expect(again.getByRole('img', { name: 'Unsaved changes' })).toBeVisible();
});

test('switches to the dark theme and shows settings without any key', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await node(page, 'Function', 'search_database').click();
  await snap(page, '08-function-dark');
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('API key').first().fill('sk-e2e-secret-value');
  await settings.getByRole('button', { name: 'Save key' }).first().click();
  await expect(settings).toContainText('Key set');
  await snap(page, '09-settings');
  expect(await page.content()).not.toContain('sk-e2e-secret-value');
  const stored = readFileSync(join(host.dataDir, 'secrets.json'), 'utf8');
  expect(stored).not.toContain('sk-e2e-secret-value');
});
