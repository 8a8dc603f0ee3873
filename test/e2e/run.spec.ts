import { startSimulator, type Simulator } from '../simulator/server.ts';
import { expect, snap, test } from './fixtures.ts';

let sim: Simulator;
test.beforeAll(async () => {
  sim = await startSimulator();
});
test.afterAll(async () => {
  await sim.close();
});
test.afterEach(() => sim.reset());

test('chats with the sample assistant and shows the function step live', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Assistant node Research assistant' })).toBeVisible();

  // Point the OpenAI provider at the simulator and give it a key.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const baseUrl = settings.getByLabel('Base URL').first();
  await baseUrl.fill(sim.baseURL);
  await baseUrl.blur();
  await settings.getByLabel('API key').first().fill('sk-simulated');
  await settings.getByRole('button', { name: 'Save key' }).first().click();
  await expect(settings).toContainText('Key set');
  await settings.getByRole('button', { name: 'Done' }).click();

  sim.script(
    { toolCalls: [{ name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } }] },
    { text: ['I found ', 'one paper: ', '**Retrieval-augmented generation** ', 'for open-domain QA (P-101).'], chunkDelayMs: 80 },
  );

  await page.getByRole('tab', { name: 'Run' }).click();
  const message = page.getByRole('textbox', { name: 'Message' });
  await message.fill('Which papers cover retrieval?');
  await page.getByRole('button', { name: 'Send' }).click();

  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('Which papers cover retrieval?');
  // The answer streams in, then the run completes and Stop goes away.
  await expect(conversation).toContainText('I found one paper', { timeout: 20_000 });
  await expect(conversation).toContainText('for open-domain QA (P-101).');
  await expect(conversation.locator('strong', { hasText: 'Retrieval-augmented generation' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await snap(page, '10-run-chat');

  // The handler really ran: its output went back to the model.
  const followUp = sim.requests.at(-1)!;
  expect(followUp.toolOutputs).toHaveLength(1);
  expect(followUp.toolOutputs[0]!.output).toContain('P-101');

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  const toolStep = steps.getByRole('button', { name: /Tool calls step, completed/ });
  // Tool call steps open by default, showing the call in full.
  await expect(toolStep).toHaveAttribute('aria-expanded', 'true');
  await expect(steps).toContainText('search_database');
  await expect(steps).toContainText('"category": "nlp"');
  await expect(steps).toContainText('P-101');
  await expect(steps).toContainText('result(s) for "retrieval" in nlp');
  await snap(page, '11-run-steps');
  await toolStep.click();
  await expect(toolStep).toHaveAttribute('aria-expanded', 'false');
  await expect(steps).not.toContainText('P-101');
});

test('a run that the provider fails shows the error and keeps the app usable', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const baseUrl = settings.getByLabel('Base URL').first();
  await baseUrl.fill(sim.baseURL);
  await baseUrl.blur();
  await settings.getByLabel('API key').first().fill('sk-simulated');
  await settings.getByRole('button', { name: 'Save key' }).first().click();
  await expect(settings).toContainText('Key set');
  await settings.getByRole('button', { name: 'Done' }).click();

  // More 500s than the SDK retries.
  for (let i = 0; i < 4; i++) sim.script({ fault: { status: 500, message: 'The simulated server is down.' } });
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello?');
  await page.getByRole('button', { name: 'Send' }).click();
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('server_error', { timeout: 30_000 });
  await snap(page, '12-run-failed');

  // The app carries on: the next message gets an answer.
  sim.script({ text: 'Back online.' });
  await page.getByRole('textbox', { name: 'Message' }).fill('And now?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(conversation).toContainText('Back online.', { timeout: 20_000 });
});
