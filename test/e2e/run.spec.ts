import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

test('chats with the sample assistant and shows the function step live', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Assistant node Research assistant' })).toBeVisible();

  await useSimulator(page, sim.baseURL);

  sim.script(
    { toolCalls: [{ name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } }] },
    { text: ['I found ', 'one paper: ', '**Retrieval-augmented generation** ', 'for open-domain QA (P-101).'], chunkDelayMs: 80 },
  );

  await send(page, 'Which papers cover retrieval?');

  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('Which papers cover retrieval?');
  // The answer streams in, then the run completes and Stop goes away.
  await expect(conversation).toContainText('I found one paper', { timeout: 20_000 });
  await expect(conversation).toContainText('for open-domain QA (P-101).');
  await expect(conversation.locator('strong', { hasText: 'Retrieval-augmented generation' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // The Run tab widened the side panel; the canvas framed the graph again instead of cutting it off.
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  await expect
    .poll(async () => {
      const node = (await page.getByRole('group', { name: 'Assistant node Research assistant' }).boundingBox())!;
      return node.x >= canvas.x && node.x + node.width <= canvas.x + canvas.width;
    })
    .toBe(true);
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
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  // More 500s than the SDK retries.
  for (let i = 0; i < 4; i++) sim.script({ fault: { status: 500, message: 'The simulated server is down.' } });
  await send(page, 'Hello?');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('server_error', { timeout: 30_000 });
  await snap(page, '12-run-failed');

  // The app carries on: the next message gets an answer.
  sim.script({ text: 'Back online.' });
  await page.getByRole('textbox', { name: 'Message' }).fill('And now?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(conversation).toContainText('Back online.', { timeout: 20_000 });
});

test('the node at work lights up on the canvas while the run goes, and the wire that carries the call', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);
  const assistant = page.getByRole('group', { name: 'Assistant node Research assistant' }).locator('.studio-node');
  sim.script(
    { toolCalls: [{ name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } }] },
    { text: Array.from({ length: 30 }, (_, i) => `word${i} `), chunkDelayMs: 120 },
  );
  await send(page, 'Which papers cover retrieval?');
  // While the model writes, the Assistant is at work; when the run ends, nothing is.
  await expect(assistant).toHaveClass(/is-at-work/, { timeout: 20_000 });
  await snap(page, '13-run-on-graph');
  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('word29', { timeout: 30_000 });
  await expect(page.locator('.studio-node.is-at-work')).toHaveCount(0);
});

test('each tool call shows in the chat and opens its steps; a step shows its node, and a node its last calls', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);
  sim.script({ toolCalls: [{ name: 'search_database', arguments: { query: 'retrieval', category: 'nlp' } }] }, { text: 'Two papers match.' });
  await send(page, 'Which papers cover retrieval?');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('Two papers match.', { timeout: 20_000 });
  const call = conversation.getByRole('list', { name: 'Tool calls' }).getByRole('button');
  await expect(call).toHaveText(/^search_database\(\{"query":"retrieval","category":"nlp"\}\), \d+(\.\d+)? (ms|s)$/);
  await call.click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps).toContainText('search_database');

  await steps.getByRole('button', { name: 'Show node' }).click();
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Function node search_database', exact: true })).toHaveClass(/selected/);

  await page.getByRole('tab', { name: 'Chat' }).click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.getByRole('button', { name: 'Show its last calls' }).click();
  await expect(page.getByRole('list', { name: 'Run steps' })).toContainText('search_database');
  await snap(page, '14-last-calls');
});
