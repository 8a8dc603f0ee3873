import { expect, snap, test } from './fixtures.ts';
import { send, setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

test('answers from the Knowledge folder with a citation that opens the passage', async ({ page, host }) => {
  const sim = simulator();
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Knowledge node Research notes' })).toBeVisible();
  await useSimulator(page, sim.baseURL);

  // The sample's Knowledge node points at its knowledge/ folder (two Markdown notes written on first start).
  sim.script(
    { toolCalls: [{ name: 'file_search', arguments: { query: 'hybrid search keyword vector fusion' } }] },
    { text: ['Fusing keyword and vector rankings usually beats either alone ', '【0:0†retrieval.md】', '.'] },
  );
  await send(page, 'Why use hybrid search?');

  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('usually beats either alone', { timeout: 30_000 });
  // The search results went back to the model.
  expect(sim.requests.at(-1)!.toolOutputs[0]!.output).toContain('retrieval.md');

  const citation = conversation.getByRole('button', { name: /Citation 1/ });
  await citation.click();
  const passage = page.getByLabel('Passage from retrieval.md');
  await expect(passage).toContainText('pairs a language model with a search step');
  await snap(page, '13-citation');

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByRole('button', { name: /Tool calls step, completed/ })).toBeVisible();
  await expect(steps).toContainText('hybrid search keyword vector fusion');
  await expect(steps).toContainText('retrieval.md');
  await snap(page, '14-file-search-step');
});
