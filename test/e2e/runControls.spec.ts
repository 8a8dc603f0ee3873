import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

const functionNode = (page: Page) => page.getByRole('group', { name: 'Function node search_database', exact: true });
const conversation = (page: Page) => page.getByRole('log', { name: 'Conversation' });

/** Selects the sample's Function node on the canvas and shows its settings in the inspector. */
async function inspectFunction(page: Page): Promise<void> {
  await functionNode(page).click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(page.getByRole('form', { name: 'Function settings' })).toBeVisible();
}

test('an "ask me" Function makes the run wait for the output the user types', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  await inspectFunction(page);
  await page.getByRole('form', { name: 'Function settings' }).getByLabel('When called').selectOption({ label: 'Ask me for the output' });
  await expect(functionNode(page)).toContainText('asks you');

  sim.script(
    { toolCalls: [{ name: 'search_database', arguments: { query: 'protein', category: 'biology' } }] },
    { text: ['Your database has ', 'one protein paper: ', 'P-201.'], chunkDelayMs: 60 },
  );
  await send(page, 'Any papers on proteins?');

  // The run stops at the call and asks for its output, showing what the model asked for.
  const form = page.getByRole('form', { name: 'The assistant is waiting for a tool output' });
  await expect(form).toBeVisible({ timeout: 20_000 });
  await expect(form).toContainText('search_database');
  const args = form.getByLabel('Arguments of search_database');
  await expect(args).toContainText('"query": "protein"');
  await expect(args).toContainText('"category": "biology"');
  await expect(conversation(page)).toContainText('waiting for tool outputs');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  const output = '{"results": [{"id": "P-201", "title": "Protein structure prediction"}]}';
  await form.getByLabel('Output for search_database').fill(output);
  await snap(page, '19-ask-me');
  await form.getByRole('button', { name: 'Submit outputs' }).click();

  await expect(form).toHaveCount(0);
  await expect(conversation(page)).toContainText('Your database has one protein paper: P-201.', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);

  // What the user typed is what went back to the model.
  const followUp = sim.requests.at(-1)!;
  expect(followUp.toolOutputs).toHaveLength(1);
  expect(followUp.toolOutputs[0]!.output).toBe(output);

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByRole('button', { name: /Tool calls step, completed/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(steps.getByLabel('Output of search_database')).toContainText('"title": "Protein structure prediction"');
});

test('Stop cancels a streaming answer and the next message runs normally', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  const words = Array.from({ length: 80 }, (_, i) => `word${i + 1} `);
  sim.script({ text: words, chunkDelayMs: 150 });
  await send(page, 'Tell me a very long story.');

  const log = conversation(page);
  await expect(log).toContainText('word3', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Stop' }).click();

  // The run ends cancelled: the chat says so and the answer is marked as cut off, well before its end.
  await expect(log.getByText('Run cancelled')).toBeVisible({ timeout: 15_000 });
  await expect(log.getByRole('article', { name: 'Assistant said' })).toContainText('cut off: the run was cancelled');
  await expect(log).not.toContainText('word80');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);

  sim.script({ text: 'A short one instead.' });
  await page.getByRole('textbox', { name: 'Message' }).fill('A short one, then.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(log).toContainText('A short one instead.', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await expect(log.getByText('Run cancelled')).toHaveCount(1);
  expect(sim.requests.at(-1)!.lastUserText).toBe('A short one, then.');
});

test('the Function inspector tests the handler with sample arguments', async ({ page, host }) => {
  await page.goto(host.url);
  await inspectFunction(page);

  const panel = page.getByRole('region', { name: 'Handler test' });
  await panel.getByRole('button', { name: 'Test handler' }).click();

  // The sample project is the app's own and trusted on first start: its handler runs without a trust prompt.
  await expect(panel.getByText(/^Finished in \d+(\.\d+)? (ms|s)$/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Review and trust…' })).toHaveCount(0);
  const args = await panel.getByLabel('Arguments the handler ran with').textContent();
  const sample = JSON.parse(args!) as { query: unknown; category: unknown };
  expect(typeof sample.query).toBe('string');
  expect(['all', 'nlp', 'biology', 'climate']).toContain(sample.category);
  await expect(panel.getByLabel('Handler output')).toContainText('"results"');
  const logs = panel.getByLabel('Handler logs');
  await expect(logs).toContainText(`result(s) for "${sample.query as string}" in ${sample.category as string}`);
  // The inspector brought the result into view by itself.
  await expect(logs).toBeInViewport();
  await snap(page, '20-test-handler');
});

test('threads can be made, renamed, switched between and deleted', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);
  await page.getByRole('tab', { name: 'Run' }).click();

  const log = conversation(page);
  const picker = page.getByRole('combobox', { name: 'Thread', exact: true });
  const idle = () => expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);

  sim.script({ text: 'Hello from the first thread.' });
  await send(page, 'First question');
  await expect(log).toContainText('Hello from the first thread.', { timeout: 20_000 });
  await idle();
  await expect(picker.getByRole('option', { name: 'First question', selected: true })).toBeAttached();

  await page.getByRole('button', { name: 'New thread' }).click();
  await expect(picker.getByRole('option')).toHaveCount(2);
  await expect(log).not.toContainText('First question');

  await page.getByRole('button', { name: 'Rename thread' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename thread' });
  await rename.getByLabel('Title').fill('Literature review');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toHaveCount(0);
  await expect(picker.getByRole('option', { name: 'Literature review', selected: true })).toBeAttached();

  sim.script({ text: 'Hello from the second thread.' });
  await send(page, 'Second question');
  await expect(log).toContainText('Hello from the second thread.', { timeout: 20_000 });
  await idle();
  // A renamed thread keeps its name when its first message is sent.
  await expect(picker.getByRole('option', { name: 'Literature review', selected: true })).toBeAttached();

  await picker.selectOption({ label: 'First question' });
  await expect(log).toContainText('Hello from the first thread.');
  await expect(log).not.toContainText('Second question');
  await expect(log).not.toContainText('Hello from the second thread.');

  await picker.selectOption({ label: 'Literature review' });
  await expect(log).toContainText('Hello from the second thread.');
  await page.getByRole('button', { name: 'Delete thread' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete thread?' });
  await expect(confirm).toContainText('"Literature review"');
  await confirm.getByRole('button', { name: 'Delete thread' }).click();
  await expect(confirm).toHaveCount(0);

  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Literature review' })).toHaveCount(0);
  await expect(picker.getByRole('option', { name: 'First question', selected: true })).toBeAttached();
  await expect(log).toContainText('Hello from the first thread.');
});
