import type { Page } from '@playwright/test';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { expect, test } from './fixtures.ts';

/** Starts one API simulator for the spec file; scripted turns are reset after each test. */
export function setupSimulatorServer(): () => Simulator {
  let sim: Simulator | undefined;
  test.beforeAll(async () => {
    sim = await startSimulator();
  });
  test.afterAll(async () => {
    await sim?.close();
  });
  test.afterEach(() => sim?.reset());
  return () => {
    if (!sim) throw new Error('the simulator has not started');
    return sim;
  };
}

/** Points the built-in OpenAI provider at the API simulator and gives it a key, through Settings. */
export async function useSimulator(page: Page, baseURL: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const baseUrl = settings.getByLabel('Base URL').first();
  await baseUrl.fill(baseURL);
  await baseUrl.blur();
  await settings.getByLabel('API key').first().fill('sk-simulated');
  await settings.getByRole('button', { name: 'Save key' }).first().click();
  await expect(settings).toContainText('Key set');
  await settings.getByRole('button', { name: 'Done' }).click();
}

/** Sends a message from the Run tab. */
export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'Run' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}
