import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, screenshot, signedInPage } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

describe('the Kubernetes tab against the stand-in cluster', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    await setScenario('default');
    browser = await launch();
    page = await signedInPage(browser);
  });
  after(async () => {
    await setScenario('default');
    await browser?.close();
  });

  it('shows the Ollama pod running', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/ollama/kubernetes`);
    await page.getByText('homelab', { exact: true }).first().waitFor({ timeout: 60_000 });
    await page.getByText(/ollama-[a-z0-9]+-[a-z0-9]+/).first().waitFor({ timeout: 60_000 });
    await page.getByText('Running').first().waitFor();
    await screenshot(page, 'kubernetes-ollama');
  });

  it('shows the Karakeep pods', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/karakeep/kubernetes`);
    await page.getByText(/karakeep-[a-z0-9]+-[a-z0-9]+/).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'kubernetes-karakeep');
  });

  it('shows the failing pod and its error when Ollama crash-loops', async () => {
    await setScenario('failures');
    await page.goto(`${baseUrl}/catalog/default/component/ollama/kubernetes`);
    await page.getByText(/CrashLoopBackOff/).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'kubernetes-ollama-crashloop');
  });
});
