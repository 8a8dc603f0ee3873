import { expect, snap, test } from './fixtures.ts';
import { setupSimulatorServer, useSimulator } from './helpers.ts';

const simulator = setupSimulatorServer();

const CSV = 'month,units\nJan,12\nFeb,19\nMar,7\nApr,23\n';
const CODE = [
  'import pandas as pd',
  'import matplotlib.pyplot as plt',
  "df = pd.read_csv('sales.csv')",
  "print('total units', df['units'].sum())",
  "df.plot(x='month', y='units', kind='bar', legend=False)",
  "plt.title('Units per month')",
  'plt.show()',
].join('\n');

test('attaches a CSV, runs the scripted analysis in the sandbox and shows the chart', async ({ page, host }) => {
  const sim = simulator();
  test.setTimeout(120_000);
  await page.goto(host.url);
  await expect(page.getByRole('group', { name: 'Code Interpreter node Code Interpreter' })).toBeVisible();
  await useSimulator(page, sim.baseURL);

  sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: CODE } }] }, { text: 'Here is the chart of units per month: April sold the most.' });
  await page.getByRole('tab', { name: 'Run' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Attach file' }).click()]);
  await chooser.setFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await expect(page.getByRole('list', { name: 'Files to send' })).toContainText('sales.csv');
  await page.getByRole('textbox', { name: 'Message' }).fill('Chart the units per month.');
  await page.getByRole('button', { name: 'Send' }).click();

  const conversation = page.getByRole('log', { name: 'Conversation' });
  await expect(conversation).toContainText('April sold the most', { timeout: 60_000 });
  // The code really ran on the attached file: its output went back to the model.
  expect(sim.requests.at(-1)!.toolOutputs[0]!.output).toContain('total units 61');
  // The chart is part of the answer, as Assistants wrote it (an image_file part after the text).
  const answer = conversation.getByRole('article', { name: 'Assistant said' }).last();
  await expect(answer.getByRole('img').first()).toBeVisible();
  await snap(page, '15-code-chart');

  await page.getByRole('tab', { name: 'Steps' }).click();
  const steps = page.getByRole('list', { name: 'Run steps' });
  await expect(steps.getByLabel('Code the model ran')).toContainText("pd.read_csv('sales.csv')");
  await expect(steps.getByLabel('Code interpreter logs')).toContainText('total units 61');
  await expect(steps.getByRole('img').first()).toBeVisible();
  await snap(page, '16-code-step');
});
