import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, screenshot, signedInPage } from './support/browser.ts';
import { setScenario } from './support/standIn.ts';

// The e2e configuration samples Ollama every 15 s (app-config.yaml); a change must show
// within one interval plus the card's own refresh.
const ONE_INTERVAL = 45_000;

describe('the homelab plugin in Chromium', () => {
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

  it('shows the Ollama load card with the installed models', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/ollama`);
    await page.getByText('Ollama load').first().waitFor({ timeout: ONE_INTERVAL });
    await page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
    await page.getByRole('cell', { name: 'qwen3:1.7b' }).first().waitFor();
    await screenshot(page, 'homelab-ollama-card');
  });

  it('shows the runbooks card linking into TechDocs', async () => {
    await page.getByRole('link', { name: 'Ollama operations' }).click();
    await page.getByRole('heading', { name: 'Ollama operations', level: 1 }).waitFor({ timeout: 120_000 });
  });

  it('shows Ollama down on the card within one sampling interval', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/ollama`);
    await page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
    await setScenario('ollama-down');
    await page.getByText(/Down since/).waitFor({ timeout: ONE_INTERVAL });
    await screenshot(page, 'homelab-ollama-down');
    await setScenario('default');
    await page.getByText(/Up, version \d/).waitFor({ timeout: ONE_INTERVAL });
  });

  it('lists the phase plans on the Migration page with status and drift', async () => {
    await page.goto(`${baseUrl}/homelab/migration`);
    await page.getByText('Phase 4.23: Ollama Local AI').waitFor();
    await page.getByText('Phase 4.24: Karakeep Migration').waitFor();
    await page.getByText(/after 4\.23: complete/).waitFor();
    await screenshot(page, 'homelab-migration-page');
  });

  it('shows the Karakeep plan on its Migration tab', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/karakeep/migration`);
    await page.getByText(/Rollback/i).first().waitFor();
    await screenshot(page, 'homelab-migration-tab');
  });
});
