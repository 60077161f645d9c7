import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, screenshot, signedInPage } from './support/browser.ts';

describe('the portal in Chromium', () => {
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launch();
    page = await signedInPage(browser);
  });
  after(async () => browser?.close());

  it('signs in as guest and shows the homelab home page', async () => {
    await page.getByRole('link', { name: 'Browse the catalog' }).waitFor();
    assert.match(await page.title(), /Homelab/);
    await screenshot(page, 'home');
  });

  it('lists the homelab entities in the catalog', async () => {
    await page.goto(`${baseUrl}/catalog?filters[kind]=component&filters[user]=all`);
    await page.getByRole('link', { name: 'Homelab portal' }).waitFor();
    await page.getByRole('link', { name: 'Homelab documentation' }).waitFor();
    await screenshot(page, 'catalog');
  });

  it('opens an entity page', async () => {
    await page.getByRole('link', { name: 'Homelab portal' }).click();
    await page.getByRole('heading', { name: /Homelab portal/ }).first().waitFor();
    await page.getByText('This Backstage portal and the GitOps repository it lives in').first().waitFor();
    await screenshot(page, 'entity-homelab-portal');
  });

  it('renders a TechDocs page of the portal docs with its title', async () => {
    await page.goto(`${baseUrl}/docs/default/component/homelab-docs/runbooks/running-the-portal/`);
    // The first view builds the site with mkdocs; that can take a while on a cold start.
    const pageTitle = page.getByRole('heading', { name: 'Running the portal', level: 1 });
    await pageTitle.waitFor({ timeout: 120_000 });
    // The reader's header names the docs entity and mkdocs' own navigation carries the site name.
    await page.getByRole('link', { name: 'Homelab documentation' }).first().waitFor();
    await page.getByText('Karakeep rollback').first().waitFor();
    await screenshot(page, 'techdocs-running-the-portal');
  });

  it('finds the runbooks in TechDocs search', async () => {
    // The docs site exists once the reader has built it (above); the collator indexes it on
    // its next run, every 20 s in the end-to-end configuration.
    const result = page.getByRole('link', { name: /Karakeep rollback/ }).first();
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.goto(`${baseUrl}/search?query=rollback`);
      try {
        await result.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.waitForTimeout(5_000);
      }
    }
    await screenshot(page, 'search-rollback');
  });
});
