import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer } from './helpers.ts';

const simulator = setupSimulatorServer();

/** The Settings card of one provider, named by its label. */
const providerCard = (page: Page, label: string) => page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: label, exact: true });

test('sets up a local Chat Completions server in Settings and runs the sample assistant on it', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Assistant node Research assistant' })).toBeVisible();

  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Add OpenAI-compatible' }).click();
  const added = providerCard(page, 'Local server');
  await expect(added.getByLabel('Type')).toHaveValue('openai-compatible');
  await added.getByLabel('Label').fill('Local Ollama');
  await added.getByLabel('Label').blur();
  const ollama = providerCard(page, 'Local Ollama');
  await expect(ollama).toBeVisible();
  await ollama.getByLabel('Base URL').fill(sim.baseURL);
  await ollama.getByLabel('Base URL').blur();
  // A loopback server needs no key: none is saved, and the card says so and why.
  await expect(ollama).toContainText('No key');
  await expect(ollama.getByRole('button', { name: 'Save key' })).toBeDisabled();
  await expect(ollama.getByLabel('API key')).toHaveAccessibleDescription(/usually need no key/);
  const providerId = (await ollama.getByText(/^compat-/).textContent())!;
  await ollama.scrollIntoViewIfNeeded();
  await snap(page, '21-provider-settings');
  await settings.getByRole('button', { name: 'Done' }).click();
  await expect(settings).toBeHidden();

  const topBar = page.getByRole('banner');
  await topBar.getByLabel('Default provider').selectOption({ label: 'Local Ollama' });
  // The model field suggests what the server's /models lists, and still takes any id.
  const modelField = topBar.getByLabel('Default model');
  const suggestions = page.locator(`datalist[id="${await modelField.getAttribute('list')}"] option`);
  await expect(suggestions.first()).toBeAttached();
  expect(await suggestions.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toContain('gpt-4.1-mini');
  await modelField.fill('llama3.2');
  await expect(topBar.getByLabel('Default provider')).toHaveValue(providerId);

  sim.script(
    { toolCalls: [{ name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } }] },
    { text: ['Ollama found ', 'one paper: ', 'Retrieval-augmented generation (P-101).'], chunkDelayMs: 60 },
  );
  await send(page, 'Which papers cover retrieval?');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('Ollama found one paper: Retrieval-augmented generation (P-101).', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);

  // Both model calls went to /chat/completions with the model chosen in the top bar.
  expect(sim.requests.map((r) => r.endpoint)).toEqual(['chat', 'chat']);
  expect(sim.requests.map((r) => r.body.model)).toEqual(['llama3.2', 'llama3.2']);
  expect(sim.requests[1]!.toolOutputs).toHaveLength(1);
  expect(sim.requests[1]!.toolOutputs[0]!.output).toContain('P-101');

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByRole('button', { name: /Tool calls step, completed/ })).toBeVisible();
  await expect(steps).toContainText('search_database');
  await expect(steps).toContainText('P-101');
  const facts = page.getByRole('definition').filter({ has: page.getByRole('code') });
  // The run keeps the provider's id; the summary names it as the user does.
  await expect(facts).toHaveText('llama3.2 on Local Ollama');
  await snap(page, '22-provider-run-steps');

  // A key saved now is only ever reported as set, never shown back.
  await page.getByRole('button', { name: 'Settings' }).click();
  await providerCard(page, 'Local Ollama').getByLabel('API key').fill('sk-local-secret');
  await providerCard(page, 'Local Ollama').getByRole('button', { name: 'Save key' }).click();
  await expect(providerCard(page, 'Local Ollama')).toContainText('Key set');
  await settings.getByRole('button', { name: 'Done' }).click();

  // The project choice lives in the unsaved project: it comes back through its draft.
  const drafts = join(host.dataDir, 'drafts');
  await expect.poll(() => (existsSync(drafts) ? readdirSync(drafts).length : 0), { timeout: 15_000 }).toBeGreaterThan(0);
  // The browser asks before leaving unsaved work; the user confirms.
  const leaving = page.waitForEvent('dialog');
  const reloading = page.reload();
  const prompt = await leaving;
  expect(prompt.type()).toBe('beforeunload');
  await prompt.accept();
  await reloading;
  const recover = page.getByRole('dialog', { name: 'Recover unsaved work' });
  await recover.getByRole('button', { name: 'Recover' }).first().click();
  await expect(recover).toBeHidden();
  await expect(topBar.getByLabel('Default provider')).toHaveValue(providerId);
  await expect(topBar.getByLabel('Default provider').locator('option:checked')).toHaveText('Local Ollama');
  await expect(topBar.getByLabel('Default model')).toHaveValue('llama3.2');

  await page.getByRole('button', { name: 'Settings' }).click();
  const reloaded = providerCard(page, 'Local Ollama');
  await expect(reloaded.getByLabel('Type')).toHaveValue('openai-compatible');
  await expect(reloaded.getByLabel('Base URL')).toHaveValue(sim.baseURL);
  await expect(reloaded).toContainText('Key set');
  await expect(reloaded.getByLabel('API key')).toHaveValue('');
  expect(await page.content()).not.toContain('sk-local-secret');
});
