import type { Page } from '@playwright/test';
import OpenAI from 'openai';
import { expect, snap, test } from './fixtures.ts';
import { setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** A screenshot at each size, with the graph framed for it (the canvas keeps its zoom when the window is resized). */
async function snapAtSizes(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: /fit view/i }).click();
    await snap(page, `${name}-${size.width}`);
  }
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'The weather in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

test('an API client runs an assistant it made while the Run panel shows the thread live, with its steps', async ({ page, host, context }) => {
  const sim = simulator();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await useSimulator(page, sim.baseURL);

  // Settings: switch the server on (any free port here, so tests never collide) and copy what client code needs.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Assistants API server' });
  const serving = section.getByRole('switch', { name: 'Serve the Assistants API' });
  await expect(serving).not.toBeChecked();
  await expect(section.getByLabel('Port')).toHaveValue('8787');
  await section.getByLabel('Port').fill('0');
  await section.getByLabel('Port').blur();
  await section.getByRole('button', { name: 'Add alias' }).click();
  await section.getByLabel('Alias 1 name').fill('gpt-4o');
  await section.getByLabel('Alias 1 model').fill('gpt-4.1-mini');
  await section.getByLabel('Alias 1 model').blur();
  await serving.check();
  await expect(section.getByRole('status')).toContainText(/Running at http:\/\/127\.0\.0\.1:\d+\/v1/);
  await section.getByRole('button', { name: 'Copy environment variables' }).click();
  await expect(section.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const baseURL = /^export OPENAI_BASE_URL=(\S+)$/m.exec(copied)?.[1];
  const apiKey = /^export OPENAI_API_KEY=(sk-studio-\S+)$/m.exec(copied)?.[1];
  expect(baseURL).toBe(await section.getByLabel('Base URL').inputValue());
  expect(apiKey).toBeDefined();
  // The key went to the clipboard only: the page never shows it.
  await expect(page.locator('body')).not.toContainText(apiKey!);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await section.scrollIntoViewIfNeeded();
    await snap(page, `23-assistants-server-settings-${size.width}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await settings.getByRole('button', { name: 'Done' }).click();

  // The test is now an external program with those two variables.
  const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
  const assistant = await client.beta.assistants.create({ model: 'gpt-4o', name: 'Weather helper', instructions: 'Answer briefly.', tools: [weatherTool] });

  await page.getByRole('tab', { name: 'Run' }).click();
  const picker = page.getByRole('combobox', { name: 'Assistant' });
  await expect(picker.getByRole('option', { name: 'Weather helper' })).toBeAttached();
  await picker.selectOption({ label: 'Weather helper' });
  await expect(page.getByRole('button', { name: 'Open as graph' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Thread' })).toContainText('No threads yet');

  sim.script(
    { toolCalls: [{ name: 'get_weather', arguments: { city: 'Lisbon' } }] },
    { text: ['It is ', 'sunny in Lisbon, ', '24 °C, ', 'with a light breeze.'], chunkDelayMs: 250 },
  );
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What is the weather in Lisbon?' }] });
  const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
  expect(waiting.status).toBe('requires_action');
  // The alias table sent gpt-4o to the provider's model.
  expect(sim.requests.at(-1)!.body.model).toBe('gpt-4.1-mini');

  // The thread appeared in the panel by itself, with the user's message and the call the client must answer.
  await expect(page.getByRole('combobox', { name: 'Thread' })).toContainText('What is the weather in Lisbon?');
  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('What is the weather in Lisbon?');
  await expect(page.getByText('get_weather').first()).toBeVisible();

  const call = waiting.required_action!.submit_tool_outputs.tool_calls[0]!;
  const stream = client.beta.threads.runs.submitToolOutputsStream(waiting.id, {
    thread_id: thread.id,
    tool_outputs: [{ tool_call_id: call.id, output: JSON.stringify({ city: 'Lisbon', sky: 'sunny', celsius: 24 }) }],
  });
  // The answer streams into the panel while the client is still reading it.
  await expect(conversation).toContainText('sunny in Lisbon', { timeout: 20_000 });
  const streamed = await stream.finalRun();
  expect(streamed.status).toBe('completed');
  await expect(conversation).toContainText('It is sunny in Lisbon, 24 °C, with a light breeze.');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  await snapAtSizes(page, '24-assistants-server-run-chat');

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByRole('button', { name: /Tool calls step, completed/ })).toBeVisible();
  await expect(steps).toContainText('get_weather');
  await expect(steps).toContainText('"city": "Lisbon"');
  await expect(steps).toContainText('sunny');
  await snapAtSizes(page, '25-assistants-server-run-steps');
  await page.getByRole('tab', { name: 'Chat' }).click();

  // Opened as a graph, the assistant becomes a node with the same threads, and the panel stays on them.
  await page.getByRole('button', { name: 'Open as graph' }).click();
  await expect(page.getByRole('group', { name: 'Assistant node Weather helper' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open as graph' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Thread' })).toContainText('What is the weather in Lisbon?');
  await expect(conversation).toContainText('with a light breeze.');
});
