import { demoRule } from '../simulator/demo.ts';
import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

test('the demo model runs the sample assistant’s function without an API key', async ({ page, host }) => {
  const sim = simulator();
  sim.rule(demoRule);
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  await send(page, 'Search the paper database for retrieval in nlp');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('search_database returned 2 results: Retrieval-augmented generation for open-domain QA; Dense passage retrieval.', {
    timeout: 20_000,
  });
  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps).toContainText('"query": "retrieval"');
  await expect(steps).toContainText('"category": "nlp"');
  await snap(page, '12-demo-model');
});
